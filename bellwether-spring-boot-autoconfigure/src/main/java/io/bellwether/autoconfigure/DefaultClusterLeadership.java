package io.bellwether.autoconfigure;

import java.util.OptionalInt;
import java.util.OptionalLong;

import io.bellwether.ClusterLeadership;
import io.bellwether.LeadershipListener;
import io.bellwether.dispatch.LeadershipEventDispatcher;
import io.bellwether.election.ElectionService;
import io.bellwether.election.Leadership;

/**
 * {@link ClusterLeadership} over the election (answers) and the event dispatcher
 * (listeners).
 */
final class DefaultClusterLeadership implements ClusterLeadership {

	private final ElectionService election;

	private final LeadershipEventDispatcher dispatcher;

	DefaultClusterLeadership(ElectionService election, LeadershipEventDispatcher dispatcher) {
		this.election = election;
		this.dispatcher = dispatcher;
	}

	@Override
	public int selfId() {
		return this.election.selfId();
	}

	@Override
	public boolean isLeader() {
		return this.election.isLeader();
	}

	@Override
	public OptionalInt leaderId() {
		Leadership leadership = this.election.leadership();
		return leadership.hasLeader() ? OptionalInt.of(leadership.leaderId()) : OptionalInt.empty();
	}

	@Override
	public OptionalLong fencingToken() {
		Leadership leadership = this.election.leadership();
		return (this.election.isLeader() && leadership.leaderId() == selfId()) ? OptionalLong.of(leadership.term())
				: OptionalLong.empty();
	}

	@Override
	public Registration addListener(LeadershipListener listener) {
		return this.dispatcher.addListener(listener);
	}

}

package io.bellwether;

import java.util.OptionalInt;
import java.util.OptionalLong;

import io.bellwether.dispatch.LeadershipEventDispatcher;
import io.bellwether.election.ElectionService;
import io.bellwether.election.Leadership;

/**
 * {@link ClusterLeadership} answered by the core at the moment it is asked
 * ({@link ElectionService#isLeader()} and {@link ElectionService#leadership()}, which in
 * majority mode check this peer's lease against the clock), with listeners on the
 * {@link LeadershipEventDispatcher}.
 */
final class CoreLeadership implements ClusterLeadership {

	private final ElectionService election;

	private final LeadershipEventDispatcher dispatcher;

	CoreLeadership(ElectionService election, LeadershipEventDispatcher dispatcher) {
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
		return (leadership.leaderId() == this.election.selfId()) ? OptionalLong.of(leadership.term())
				: OptionalLong.empty();
	}

	@Override
	public Registration addListener(LeadershipListener listener) {
		return this.dispatcher.addListener(listener);
	}

	@Override
	public String toString() {
		return "ClusterLeadership of peer " + selfId();
	}

}

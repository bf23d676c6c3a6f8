package io.bellwether;

import io.bellwether.election.ClusterListener;
import io.bellwether.election.LeaderChangedEvent;
import io.bellwether.election.LeadershipGrantedEvent;
import io.bellwether.election.LeadershipRevokedEvent;
import io.bellwether.membership.MembershipChange;

import org.springframework.context.ApplicationEventPublisher;

/**
 * The one place where the core's changes become Spring application events:
 * {@link MembershipChange}, {@link LeaderChangedEvent}, then
 * {@link LeadershipRevokedEvent} and {@link LeadershipGrantedEvent} for this peer. Called
 * by the core in order, one change at a time, without its lock held; listeners run on
 * that thread (a transport thread or the election tick).
 */
final class SpringEventBridge implements ClusterListener {

	private final ApplicationEventPublisher publisher;

	SpringEventBridge(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void membershipChanged(MembershipChange change) {
		this.publisher.publishEvent(change);
	}

	@Override
	public void leaderChanged(LeaderChangedEvent change) {
		this.publisher.publishEvent(change);
		if (change.revoked()) {
			this.publisher.publishEvent(new LeadershipRevokedEvent(change.selfId(), change.current().leaderId()));
		}
		if (change.granted()) {
			this.publisher.publishEvent(new LeadershipGrantedEvent(change.selfId(), change.current().term()));
		}
	}

}

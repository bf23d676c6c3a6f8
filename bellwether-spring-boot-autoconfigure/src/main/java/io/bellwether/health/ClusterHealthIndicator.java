package io.bellwether.health;

import io.bellwether.election.ElectionService;
import io.bellwether.election.Leadership;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.membership.PeerRegistry;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code cluster} health component: UP while this peer knows a leader, DOWN otherwise
 * (no quorum, or still discovering). Part of the readiness group, not of liveness: a peer
 * cut off from its group should stop taking traffic, not be restarted.
 */
class ClusterHealthIndicator extends AbstractHealthIndicator {

	private final ElectionService election;

	private final PeerRegistry registry;

	ClusterHealthIndicator(ElectionService election, PeerRegistry registry) {
		super("cluster health check failed");
		this.election = election;
		this.registry = registry;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Leadership leadership = this.election.leadership();
		MembershipSnapshot view = this.registry.snapshot();
		builder.status(leadership.hasLeader() ? "UP" : "DOWN").withDetail("selfId", view.selfId());
		if (leadership.hasLeader()) {
			builder.withDetail("leader", leadership.leaderId());
		}
		else {
			builder.withDetail("reason", leadership.reason());
		}
		builder.withDetail("term", leadership.term())
			.withDetail("alive", view.alive().size())
			.withDetail("members", view.groupSize());
	}

}

package io.bellwether.integration;

import java.util.List;

import io.bellwether.ClusterLeadership;
import io.bellwether.LeadershipListener;
import io.bellwether.election.LeadershipGrantedEvent;
import io.bellwether.election.LeadershipRevokedEvent;
import lombok.extern.slf4j.Slf4j;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.event.LeaderEventPublisher;

/**
 * Drives Spring Integration {@link Candidate}s from Bellwether, like Spring Integration's
 * own leader initiators: when this peer is granted leadership every candidate gets
 * {@link Candidate#onGranted} and an {@code OnGrantedEvent} is published for its role;
 * when it is revoked, {@link Candidate#onRevoked} and an {@code OnRevokedEvent}. So
 * {@code @Role} endpoints (started and stopped by Spring Integration's
 * {@code SmartLifecycleRoleController}) run only on the leader. Runs on the
 * {@code bellwether-events} thread like every application-facing callback.
 * <p>
 * {@link Context#isLeader()} asks Bellwether at that moment. {@link Context#yield()}
 * cannot hand leadership to another peer (the lowest live id leads): it logs a warning
 * and changes nothing; stop the peer to give up leadership.
 */
@Slf4j
public final class BellwetherLeaderInitiator implements LeadershipListener {

	private final ClusterLeadership leadership;

	private final List<Candidate> candidates;

	private final LeaderEventPublisher publisher;

	public BellwetherLeaderInitiator(ClusterLeadership leadership, List<Candidate> candidates,
			LeaderEventPublisher publisher) {
		this.leadership = leadership;
		this.candidates = List.copyOf(candidates);
		this.publisher = publisher;
	}

	@Override
	public void onGranted(LeadershipGrantedEvent event) {
		for (Candidate candidate : this.candidates) {
			BellwetherContext context = new BellwetherContext(candidate);
			try {
				candidate.onGranted(context);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("candidate {} failed on granted (term {})", candidate.getId(), event.term(), ex);
			}
			this.publisher.publishOnGranted(this, context, candidate.getRole());
		}
	}

	@Override
	public void onRevoked(LeadershipRevokedEvent event) {
		for (Candidate candidate : this.candidates) {
			BellwetherContext context = new BellwetherContext(candidate);
			try {
				candidate.onRevoked(context);
			}
			catch (RuntimeException ex) {
				log.error("candidate {} failed on revoked", candidate.getId(), ex);
			}
			this.publisher.publishOnRevoked(this, context, candidate.getRole());
		}
	}

	/**
	 * The candidates driven.
	 * @return them, in order
	 */
	public List<Candidate> candidates() {
		return this.candidates;
	}

	@Override
	public String toString() {
		return "BellwetherLeaderInitiator" + this.candidates.stream().map(Candidate::getRole).toList();
	}

	private final class BellwetherContext implements Context {

		private final Candidate candidate;

		BellwetherContext(Candidate candidate) {
			this.candidate = candidate;
		}

		@Override
		public boolean isLeader() {
			return BellwetherLeaderInitiator.this.leadership.isLeader();
		}

		@Override
		public void yield() {
			log.warn("candidate {} asked to yield: Bellwether cannot hand leadership over (the lowest live id "
					+ "leads); stop this peer to give it up", this.candidate.getId());
		}

		@Override
		public String getRole() {
			return this.candidate.getRole();
		}

		@Override
		public String toString() {
			return "BellwetherContext{role=" + getRole() + ", leader=" + isLeader() + "}";
		}

	}

}

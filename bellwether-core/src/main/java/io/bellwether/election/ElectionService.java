package io.bellwether.election;

import java.time.Clock;

import io.bellwether.config.PeerProperties;
import io.bellwether.membership.MembershipChange;
import io.bellwether.membership.PeerRegistry;
import io.bellwether.protocol.PeerView;
import lombok.extern.slf4j.Slf4j;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Thin Spring shell around {@link LeaderTracker}: re-evaluates the leader on a short
 * fixed tick (which also runs the failure detector's timeouts) and at once on every
 * membership change, and publishes {@link LeaderChangedEvent} (plus granted/revoked for
 * this peer) once per change.
 */
@Slf4j
@Service
public class ElectionService implements ViewSource {

	/** Tick of the failure detector and election, in milliseconds. */
	static final long TICK_MILLIS = 50;

	private final int selfId;

	private final PeerRegistry registry;

	private final ApplicationEventPublisher publisher;

	private final LeaderTracker tracker;

	private volatile Leadership leadership;

	public ElectionService(PeerProperties properties, PeerRegistry registry, Clock clock,
			ApplicationEventPublisher publisher) {
		this.selfId = properties.selfId();
		this.registry = registry;
		this.publisher = publisher;
		this.leadership = Leadership.initial(clock.instant());
		this.tracker = new LeaderTracker(properties.selfId(), new LeaderElection(properties.election().quorum(),
				properties.election().rejoinHold(), properties.election().sticky()), this.leadership);
	}

	@Scheduled(fixedDelay = TICK_MILLIS)
	public void tick() {
		this.registry.expire();
		evaluate();
	}

	@EventListener
	public void onMembershipChange(MembershipChange change) {
		evaluate();
	}

	/**
	 * Applies the election rule to the current membership and publishes a change if any.
	 * Serialised, so events are published in order.
	 */
	public synchronized void evaluate() {
		this.tracker.update(this.registry.snapshot()).ifPresent(this::publish);
		this.leadership = this.tracker.current();
	}

	private void publish(LeaderChangedEvent change) {
		this.leadership = change.current();
		log.info(change.describe());
		this.publisher.publishEvent(change);
		if (change.revoked()) {
			this.publisher.publishEvent(new LeadershipRevokedEvent(change.selfId(), change.current().leaderId()));
		}
		if (change.granted()) {
			this.publisher.publishEvent(new LeadershipGrantedEvent(change.selfId(), change.current().term()));
		}
	}

	/**
	 * The leader this peer follows now.
	 * @return the current leadership (never {@code null})
	 */
	public Leadership leadership() {
		return this.leadership;
	}

	public int selfId() {
		return this.selfId;
	}

	@Override
	public PeerView currentView() {
		Leadership current = this.leadership;
		return new PeerView(current.leaderId(), current.term(), this.registry.snapshot().aliveIds());
	}

}

package io.bellwether.autoconfigure;

import java.time.Duration;

import io.bellwether.dispatch.LeadershipEventDispatcher;
import io.bellwether.election.ElectionService;

import org.springframework.context.SmartLifecycle;

/**
 * The shutdown order of a leader: stop admitting {@code @LeaderOnly} calls and wait for
 * running ones; step down; deliver the revocation to the application; and only then (the
 * heartbeat client, phase 1, stops next) tell the others with LEAVE, so the next leader
 * never overlaps the old one's work. Each wait is bounded by {@link #BOUND}.
 */
final class StepDownOnShutdown implements SmartLifecycle {

	/**
	 * Longest wait for running leader-only work, and again for the application's
	 * callbacks.
	 */
	static final Duration BOUND = Duration.ofSeconds(5);

	/** Stops before the heartbeat client (phase 1) says LEAVE. */
	static final int PHASE = LifecyclePhases.STEP_DOWN;

	private final LeaderOnlyInterceptor leaderOnly;

	private final ElectionService election;

	private final LeadershipEventDispatcher dispatcher;

	private volatile boolean running;

	StepDownOnShutdown(LeaderOnlyInterceptor leaderOnly, ElectionService election,
			LeadershipEventDispatcher dispatcher) {
		this.leaderOnly = leaderOnly;
		this.election = election;
		this.dispatcher = dispatcher;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.leaderOnly.close(BOUND);
		this.election.relinquish();
		this.dispatcher.awaitDelivered(BOUND);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

package io.bellwether;

import java.time.Duration;

import io.bellwether.dispatch.LeaderOnlyGate;
import io.bellwether.dispatch.LeadershipEventDispatcher;
import io.bellwether.election.ClusterCore;
import lombok.extern.slf4j.Slf4j;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the application-facing side of Bellwether in the order that keeps the
 * next leader from overlapping this one's work. Its phase ({@value #PHASE}) is above the
 * transport's, so it starts after the heartbeat server, client and ticker and stops
 * before them. On a clean stop, in this order:
 * <ol>
 * <li>no new {@link LeaderOnly @LeaderOnly} call is admitted;</li>
 * <li>the running ones are waited for;</li>
 * <li>this peer steps down ({@link ClusterCore#leave()}): {@code isLeader()} is false
 * from now on and the revocation is queued;</li>
 * <li>the revocation (and everything queued before it) is delivered to the application on
 * {@code bellwether-events};</li>
 * <li>the events thread ends;</li>
 * <li>later, in the heartbeat client's phase, this peer says LEAVE and the others
 * re-elect.</li>
 * </ol>
 * Steps 2 and 4 wait at most {@code bellwether.callbacks.shutdown-timeout} each.
 */
@Slf4j
final class LeadershipLifecycle implements SmartLifecycle {

	/** Above the transport (0, 1) and the election ticker (2). */
	static final int PHASE = 100;

	private final ClusterCore core;

	private final LeadershipEventDispatcher dispatcher;

	private final LeaderOnlyGate gate;

	private final Duration bound;

	private final ObjectProvider<LeadershipListener> listeners;

	private volatile boolean running;

	LeadershipLifecycle(ClusterCore core, LeadershipEventDispatcher dispatcher, LeaderOnlyGate gate, Duration bound,
			ObjectProvider<LeadershipListener> listeners) {
		this.core = core;
		this.dispatcher = dispatcher;
		this.gate = gate;
		this.bound = bound;
		this.listeners = listeners;
	}

	@Override
	public void start() {
		// listener beans are told the state delivered so far first: no lost "granted"
		this.listeners.orderedStream().forEach(this.dispatcher::addListener);
		this.dispatcher.start();
		this.gate.open();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (!this.gate.closeAndAwait(this.bound)) {
			log.warn("@LeaderOnly methods still running after {} ms; stepping down anyway", this.bound.toMillis());
		}
		this.core.leave();
		this.dispatcher.stop(this.bound);
		log.info("peer {} stepped down; application listeners are done", this.core.selfId());
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

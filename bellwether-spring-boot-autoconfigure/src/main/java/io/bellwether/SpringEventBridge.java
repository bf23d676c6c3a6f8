package io.bellwether;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.bellwether.dispatch.LeadershipEventDispatcher;
import io.bellwether.election.ClusterListener;
import io.bellwether.election.LeaderChangedEvent;
import io.bellwether.membership.MembershipChange;
import lombok.extern.slf4j.Slf4j;

/**
 * The core's one {@link ClusterListener}, and the one place where its changes go towards
 * Spring. Called by the core in order, one change at a time, on the thread that made the
 * change (a transport thread or the election ticker), it first calls Bellwether's own
 * internal listeners that must stay fast and must not wait for the application (the
 * {@code /events} stream, metric counters), then only enqueues the change for the
 * {@link LeadershipEventDispatcher}, which publishes the Spring events
 * ({@link MembershipChange}, {@link LeaderChangedEvent}, granted/revoked) and calls the
 * {@link LeadershipListener}s on its own thread {@code bellwether-events}. Nothing here
 * waits for application code.
 */
@Slf4j
public final class SpringEventBridge implements ClusterListener {

	private final LeadershipEventDispatcher dispatcher;

	private final List<ClusterListener> internal = new CopyOnWriteArrayList<>();

	public SpringEventBridge(LeadershipEventDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	/**
	 * Adds an internal listener, called on the core's thread before the application hears
	 * of the change. It must be quick and must never block.
	 * @param listener the listener
	 */
	public void addInternalListener(ClusterListener listener) {
		this.internal.add(listener);
	}

	@Override
	public void membershipChanged(MembershipChange change) {
		for (ClusterListener listener : this.internal) {
			try {
				listener.membershipChanged(change);
			}
			catch (RuntimeException ex) {
				log.error("internal listener {} failed on {}", listener, change, ex);
			}
		}
		this.dispatcher.membershipChanged(change);
	}

	@Override
	public void leaderChanged(LeaderChangedEvent change) {
		for (ClusterListener listener : this.internal) {
			try {
				listener.leaderChanged(change);
			}
			catch (RuntimeException ex) {
				log.error("internal listener {} failed on {}", listener, change, ex);
			}
		}
		this.dispatcher.leaderChanged(change);
	}

}

package io.bellwether;

import io.bellwether.election.LeaderChangedEvent;
import io.bellwether.election.LeadershipGrantedEvent;
import io.bellwether.election.LeadershipRevokedEvent;

/**
 * Callbacks for leadership changes, registered with {@link ClusterLeadership#addListener}
 * or declared as a bean. Threading contract: every callback runs on the one thread
 * {@code bellwether-events}, one at a time and in the order of the changes, never on a
 * heartbeat or election thread; a callback that blocks or throws delays or loses only its
 * own (and later) callbacks, never failure detection. Granted and revoked alternate
 * strictly for each listener. A listener registered while this peer leads gets
 * {@link #onGranted} at once.
 */
public interface LeadershipListener {

	/**
	 * This peer became leader.
	 * @param event its id and the term it leads in (the fencing token)
	 */
	default void onGranted(LeadershipGrantedEvent event) {
	}

	/**
	 * This peer is no longer leader: stop leader-only work.
	 * @param event its id and the leader it follows now (if any)
	 */
	default void onRevoked(LeadershipRevokedEvent event) {
	}

	/**
	 * The leader this peer follows changed (including to or from none, and to or from
	 * this peer).
	 * @param event the previous and the current leadership
	 */
	default void onLeaderChanged(LeaderChangedEvent event) {
	}

}

package io.bellwether.election;

import io.bellwether.membership.MembershipChange;

/**
 * Told of every change the core detects, in the order it detected them, one call at a
 * time, never while the core holds its lock (so a listener may read the core), and from
 * whichever thread made the change (a transport thread or the ticker): hand long work to
 * your own executor. In a Spring application the one implementation publishes the changes
 * as application events.
 */
public interface ClusterListener {

	/**
	 * A member became ALIVE or DEAD.
	 * @param change the change
	 */
	default void membershipChanged(MembershipChange change) {
	}

	/**
	 * The leader this peer follows changed (including to or from this peer itself, and to
	 * or from no leader).
	 * @param change the change
	 */
	default void leaderChanged(LeaderChangedEvent change) {
	}

}

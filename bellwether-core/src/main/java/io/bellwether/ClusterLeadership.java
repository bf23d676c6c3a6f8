package io.bellwether;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Who leads, as this peer sees it, for application code: inject it where you need "am I
 * the leader?" or the fencing token. Every answer is taken at the moment it is asked.
 */
public interface ClusterLeadership {

	/**
	 * This peer's id.
	 * @return the id
	 */
	int selfId();

	/**
	 * Whether this peer leads now.
	 * @return whether this peer is the leader at this moment
	 */
	boolean isLeader();

	/**
	 * The leader this peer follows now.
	 * @return its id, empty while there is no leader
	 */
	OptionalInt leaderId();

	/**
	 * The fencing token: this peer's term while it leads. Terms only grow, and two
	 * leaders never share one, so a datastore that remembers the highest token it has
	 * seen and rejects writes carrying a lower one never accepts a deposed leader's late
	 * write.
	 * @return the term, empty unless this peer leads now
	 */
	OptionalLong fencingToken();

	/**
	 * Registers a listener; it gets {@link LeadershipListener#onGranted} at once if this
	 * peer leads, then every later change, on the {@code bellwether-events} thread.
	 * @param listener the listener
	 * @return closing it removes the listener
	 */
	Registration addListener(LeadershipListener listener);

	/**
	 * A registered listener; {@link #close()} removes it.
	 */
	interface Registration extends AutoCloseable {

		@Override
		void close();

	}

}

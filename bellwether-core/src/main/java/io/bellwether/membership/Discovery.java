package io.bellwether.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Whether this peer is still discovering the group after start (or after a pause of a
 * whole timeout): it names no leader until it has heard every other peer since then, or
 * for one timeout. With {@code waitWholeTimeout} (majority mode) it always waits the
 * whole timeout, because a previous life of this peer may have promised its support to a
 * leader for up to one timeout and the new life does not remember. A pure function of the
 * start time and the clock: reading it changes nothing. Not thread-safe: the registry
 * guards it.
 */
final class Discovery {

	private final Duration timeout;

	private final boolean waitWholeTimeout;

	private Instant started;

	Discovery(Duration timeout, boolean waitWholeTimeout) {
		this.timeout = timeout;
		this.waitWholeTimeout = waitWholeTimeout;
	}

	/**
	 * The transport is up (or this peer came back from a long pause): discovery starts.
	 * @param now the current time
	 */
	void start(Instant now) {
		this.started = now;
	}

	/**
	 * Whether discovery is still going on.
	 * @param now the current time
	 * @param heardSinceStart for each other peer, whether it was heard since discovery
	 * started
	 * @return whether no leader may be named yet
	 */
	boolean discovering(Instant now, Collection<Boolean> heardSinceStart) {
		if (heardSinceStart.isEmpty()) {
			return false;
		}
		if (this.started == null) {
			return true;
		}
		if (!now.isBefore(this.started.plus(this.timeout))) {
			return false;
		}
		return this.waitWholeTimeout || heardSinceStart.contains(Boolean.FALSE);
	}

	/**
	 * When discovery started.
	 * @return the time, {@code null} before the transport is up
	 */
	Instant started() {
		return this.started;
	}

}

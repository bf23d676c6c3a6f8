package io.bellwether.membership;

import java.time.Duration;
import java.time.Instant;

/**
 * Notices that this peer itself was paused (GC, SIGSTOP, a starved host) from the gap
 * between two detector runs. After a gap of more than half the timeout it gives the
 * others one {@code interval} to be heard from before blaming them (their frames are
 * queued in our sockets and not yet read); after a whole timeout or more the others have
 * declared us DEAD meanwhile, so we come back like a restarted peer. Not thread-safe: the
 * registry guards it.
 */
final class SelfPause {

	/** What one detector run learned about our own pause. */
	enum Pause {

		/** No pause worth mentioning. */
		NONE,

		/** Paused more than half a timeout: grace for the others. */
		SHORT,

		/** Paused a whole timeout or more: grace, and rediscover the group. */
		LONG

	}

	private final Duration interval;

	private final Duration timeout;

	private Instant lastRun;

	private Instant graceUntil = Instant.MIN;

	private Duration lastGap = Duration.ZERO;

	SelfPause(Duration interval, Duration timeout) {
		this.interval = interval;
		this.timeout = timeout;
	}

	/**
	 * A detector run at {@code now}.
	 * @param now the current time
	 * @return how long we were paused since the previous run, as a kind
	 */
	Pause run(Instant now) {
		Duration gap = (this.lastRun != null) ? Duration.between(this.lastRun, now) : Duration.ZERO;
		this.lastRun = now;
		this.lastGap = gap;
		if (gap.compareTo(this.timeout.dividedBy(2)) <= 0) {
			return Pause.NONE;
		}
		this.graceUntil = now.plus(this.interval);
		return (gap.compareTo(this.timeout) >= 0) ? Pause.LONG : Pause.SHORT;
	}

	/**
	 * The gap before the latest run.
	 * @return how long this peer did not run the detector
	 */
	Duration lastGap() {
		return this.lastGap;
	}

	/**
	 * Whether the others are still given time to be heard from after our pause.
	 * @param now the current time
	 * @return whether silence must not be blamed on them yet
	 */
	boolean inGrace(Instant now) {
		return now.isBefore(this.graceUntil);
	}

}

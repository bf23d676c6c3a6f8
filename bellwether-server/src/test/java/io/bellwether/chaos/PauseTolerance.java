package io.bellwether.chaos;

import java.time.Duration;

/**
 * The pauses the chaos tests freeze a leader for, in one place. The guarantee under test
 * (README, {@code docs/failover.md}): a pause shorter than {@code timeout - interval}
 * never changes the leader; with the defaults (interval 500 ms, timeout 2 s) that is 1.5
 * s. Detection starts at {@code timeout - interval} after a freeze at the worst phase of
 * the heartbeat cycle, and at {@code timeout} at the best one.
 * <p>
 * Override with {@code -Dchaos.pause.under.millis=...} and
 * {@code -Dchaos.pause.over.millis=...}.
 */
final class PauseTolerance {

	/** The peers' heartbeat interval (the default; the tests do not change it). */
	static final Duration INTERVAL = Duration.ofMillis(500);

	/** The peers' heartbeat timeout (the default; the tests do not change it). */
	static final Duration TIMEOUT = Duration.ofSeconds(2);

	/** Pauses shorter than this never change the leader. */
	static final Duration TOLERATED = TIMEOUT.minus(INTERVAL);

	/**
	 * Just under the tolerance: never changes the leader, at any phase. 200 ms under it
	 * leaves room for a late heartbeat on a busy machine.
	 */
	static final Duration UNDER = Duration
		.ofMillis(Long.getLong("chaos.pause.under.millis", TOLERATED.minusMillis(200).toMillis()));

	/**
	 * Just over the timeout (plus a tick and scheduling): deposes the leader, at any
	 * phase, in the default quorum mode.
	 */
	static final Duration OVER = Duration.ofMillis(Long.getLong("chaos.pause.over.millis", 2500));

	private PauseTolerance() {
	}

}

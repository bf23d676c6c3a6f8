package io.bellwether.chaos;

import java.time.Duration;

/**
 * The pauses the chaos tests freeze a leader for, in one place, from the guarantee in
 * {@code docs/lease.md} ("Which pauses are tolerated"), with the defaults (interval 500
 * ms, timeout 2 s, clock-rate drift bound 1 %):
 * <ul>
 * <li>a pause of any single peer shorter than 1.4 s changes no leader (exactly
 * {@code (timeout × (1 − 2ρ) − interval) / (1 + ρ) − RTT} = 1445 ms − RTT);</li>
 * <li>a pause of the leader longer than about 2.1 s always deposes it;</li>
 * <li>in between, either may happen.</li>
 * </ul>
 * Override with {@code -Dchaos.pause.under.millis=...} and
 * {@code -Dchaos.pause.over.millis=...}.
 */
final class PauseTolerance {

	/** The peers' heartbeat interval (the default; the tests do not change it). */
	static final Duration INTERVAL = Duration.ofMillis(500);

	/** The peers' heartbeat timeout (the default; the tests do not change it). */
	static final Duration TIMEOUT = Duration.ofSeconds(2);

	/** Pauses shorter than this never change the leader. */
	static final Duration TOLERATED = Duration.ofMillis(1400);

	/**
	 * Just under the tolerance: never changes the leader, at any phase. 200 ms under it:
	 * on a busy machine the signals themselves take tens of milliseconds, and a freeze
	 * that ends up as long as the tolerance is not counted.
	 */
	static final Duration UNDER = Duration
		.ofMillis(Long.getLong("chaos.pause.under.millis", TOLERATED.minusMillis(200).toMillis()));

	/** Just over the longest pause that may leave the leader in place (about 2.1 s). */
	static final Duration OVER = Duration.ofMillis(Long.getLong("chaos.pause.over.millis", 2500));

	private PauseTolerance() {
	}

}

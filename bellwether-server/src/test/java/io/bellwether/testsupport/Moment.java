package io.bellwether.testsupport;

import java.time.Duration;
import java.time.Instant;

/**
 * When a fault (a firewall change, a signal) took effect: at some instant between
 * {@code from} and {@code to}, wall clock like the peers' own timestamps.
 *
 * @param from before the action started
 * @param to after it completed
 */
public record Moment(Instant from, Instant to) {

	/**
	 * How long the action took: the uncertainty of every figure measured from it.
	 * @return the width of the window in milliseconds
	 */
	public long uncertaintyMillis() {
		return Duration.between(this.from, this.to).toMillis();
	}

	/**
	 * Milliseconds from this moment (its end) to an instant.
	 * @param instant the later instant
	 * @return the delay
	 */
	public long millisUntil(Instant instant) {
		return Duration.between(this.to, instant).toMillis();
	}

}

package io.bellwether.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When one member failed lately (for this peer: when it was paused for a whole timeout),
 * for flap damping: a member that keeps failing waits longer before it may lead again.
 * Failures older than the window are forgotten when the next one is recorded; counting
 * never changes anything. Not thread-safe: the registry guards it.
 */
final class FailureHistory {

	private final Duration window;

	private final Deque<Instant> failures = new ArrayDeque<>();

	FailureHistory(Duration window) {
		this.window = window;
	}

	/**
	 * Records a failure.
	 * @param at when it happened
	 */
	void record(Instant at) {
		Instant horizon = at.minus(this.window);
		while (!this.failures.isEmpty() && this.failures.peekFirst().isBefore(horizon)) {
			this.failures.removeFirst();
		}
		this.failures.addLast(at);
	}

	/**
	 * How many failures happened within the window before {@code now}.
	 * @param now the current time
	 * @return the count
	 */
	int count(Instant now) {
		Instant horizon = now.minus(this.window);
		int count = 0;
		for (Instant failure : this.failures) {
			if (!failure.isBefore(horizon)) {
				count++;
			}
		}
		return count;
	}

}

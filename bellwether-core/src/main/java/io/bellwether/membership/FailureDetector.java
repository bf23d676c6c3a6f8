package io.bellwether.membership;

import java.time.Duration;
import java.time.Instant;

/**
 * The silence detector of one peer: available while a frame arrived within the last
 * {@code timeout}; silent from exactly {@code lastSeen + timeout} on. It only measures;
 * the registry decides what silence means (e.g. not while this peer itself just thawed).
 * Not thread-safe: the registry guards it.
 */
final class FailureDetector {

	private final Duration timeout;

	private Instant lastSeen;

	FailureDetector(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * A frame arrived.
	 * @param now when
	 */
	void heartbeat(Instant now) {
		this.lastSeen = now;
	}

	/**
	 * Whether the peer has been silent for a whole timeout (or was never heard).
	 * @param now the current time
	 * @return whether it is silent
	 */
	boolean silent(Instant now) {
		return this.lastSeen == null || !now.isBefore(this.lastSeen.plus(this.timeout));
	}

	/**
	 * When its last frame arrived.
	 * @return the time, {@code null} if never
	 */
	Instant lastSeen() {
		return this.lastSeen;
	}

	/**
	 * Whether it was heard at or after an instant.
	 * @param since the instant
	 * @return whether a frame arrived since then
	 */
	boolean heardSince(Instant since) {
		return this.lastSeen != null && !this.lastSeen.isBefore(since);
	}

}

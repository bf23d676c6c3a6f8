package io.bellwether.membership;

import io.bellwether.membership.PeerRegistry.Acceptance;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.FrameType;

/**
 * Which frames of one peer count. A restarted peer has a larger incarnation; frames of an
 * older one, repeated sequence numbers, and frames of a life that left (LEAVE) or was
 * seen to crash are ignored. A new incarnation is accepted only once the current life is
 * DEAD, so nobody takes over a live peer's identity by claiming a newer life. Not
 * thread-safe: the registry guards it.
 */
final class IncarnationGuard {

	private long incarnation;

	private long sequence = -1;

	private boolean left;

	private boolean crashed;

	/**
	 * What to do with a frame, without changing anything.
	 * @param frame the frame
	 * @param alive whether the peer's current life is ALIVE
	 * @return {@link Acceptance#ACCEPTED}, {@link Acceptance#STALE} or
	 * {@link Acceptance#CONFLICT}
	 */
	Acceptance check(Frame frame, boolean alive) {
		if (frame.incarnation() < this.incarnation || (frame.incarnation() == this.incarnation
				&& (frame.sequence() <= this.sequence || this.left || this.crashed))) {
			return Acceptance.STALE;
		}
		if (frame.incarnation() > this.incarnation && alive) {
			return Acceptance.CONFLICT;
		}
		return Acceptance.ACCEPTED;
	}

	/**
	 * Records an accepted frame (one {@link #check} said {@link Acceptance#ACCEPTED}).
	 * @param frame the frame
	 */
	void accept(Frame frame) {
		if (frame.incarnation() > this.incarnation) {
			this.incarnation = frame.incarnation();
			this.left = false;
			this.crashed = false;
		}
		this.sequence = frame.sequence();
		if (frame.type() == FrameType.LEAVE) {
			this.left = true;
		}
	}

	/** The crash fast path fired: ignore the rest of this life until it is reachable. */
	void crashed() {
		this.crashed = true;
	}

	/** A connection to the peer succeeded: frames of this life count again. */
	void reachable() {
		this.crashed = false;
	}

	long incarnation() {
		return this.incarnation;
	}

}

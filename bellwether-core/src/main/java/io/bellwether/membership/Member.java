package io.bellwether.membership;

import java.time.Duration;
import java.time.Instant;

import io.bellwether.config.PeerAddress;
import io.bellwether.protocol.PeerView;

/**
 * An immutable snapshot of one member as this peer sees it.
 *
 * @param address id, host and port of the member
 * @param self whether it is this peer
 * @param status ALIVE or DEAD
 * @param incarnation the latest incarnation heard from it (0 if never heard)
 * @param lastSeen when its last frame arrived ({@code null} for self or never)
 * @param aliveSince when it became ALIVE this time ({@code null} while DEAD)
 * @param view what it last told us it sees ({@link PeerView#EMPTY} if nothing)
 * @param cause why it is DEAD ({@code null} while ALIVE or never seen)
 * @param recentFailures how often it failed lately (for this peer: how often it was
 * paused for a whole timeout); a flapping peer has to wait longer before it may lead
 * again
 */
public record Member(PeerAddress address, boolean self, PeerStatus status, long incarnation, Instant lastSeen,
		Instant aliveSince, PeerView view, FailureCause cause, int recentFailures) {

	/** A member without recent failures. */
	public Member(PeerAddress address, boolean self, PeerStatus status, long incarnation, Instant lastSeen,
			Instant aliveSince, PeerView view, FailureCause cause) {
		this(address, self, status, incarnation, lastSeen, aliveSince, view, cause, 0);
	}

	public int id() {
		return this.address.id();
	}

	public boolean alive() {
		return this.status == PeerStatus.ALIVE;
	}

	/**
	 * Whether this member names itself leader in its latest frame.
	 * @return whether it claims leadership
	 */
	public boolean claimsLeadership() {
		return !this.self && this.view.claimsLeadership(id());
	}

	/**
	 * How long ago its last frame arrived.
	 * @param now the current time
	 * @return the age, or {@code null} for self or a member never heard from
	 */
	public Duration lastSeenAgo(Instant now) {
		return (this.lastSeen != null) ? Duration.between(this.lastSeen, now) : null;
	}

}

package io.bellwether.membership;

import java.time.Instant;

/**
 * A member changed status. Published once per change (never per heartbeat).
 *
 * @param peerId the member
 * @param status its new status
 * @param cause why it became DEAD ({@code null} when it became ALIVE)
 * @param incarnation its incarnation when it changed
 * @param at when the change was detected
 */
public record MembershipChange(int peerId, PeerStatus status, FailureCause cause, long incarnation, Instant at) {

	public String describe() {
		return "peer " + this.peerId + " " + this.status + " ("
				+ ((this.cause != null) ? this.cause.description() : "incarnation " + this.incarnation) + ")";
	}

}

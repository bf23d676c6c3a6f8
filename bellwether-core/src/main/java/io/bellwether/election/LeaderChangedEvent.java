package io.bellwether.election;

import io.bellwether.protocol.PeerView;

/**
 * The leader this peer follows changed. Published once per change, never per tick, in the
 * order the changes happened. Listeners run on the thread that detected the change (a
 * heartbeat thread or the election tick): hand long work to your own executor. In
 * majority mode this peer appears as leader only once a majority has confirmed its lease,
 * and the revocation comes when the lease runs out (its {@code since} is that instant).
 *
 * @param selfId this peer's id
 * @param previous the leadership before the change
 * @param current the leadership after the change
 */
public record LeaderChangedEvent(int selfId, Leadership previous, Leadership current) {

	/** Whether this peer became leader with this change. */
	public boolean granted() {
		return this.current.leaderId() == this.selfId;
	}

	/** Whether this peer stopped being leader with this change. */
	public boolean revoked() {
		return this.previous.leaderId() == this.selfId;
	}

	public String describe() {
		return "leader " + name(this.previous.leaderId()) + " -> " + name(this.current.leaderId()) + " term "
				+ this.current.term() + ((this.current.reason() != null) ? " (" + this.current.reason() + ")" : "");
	}

	private static String name(int id) {
		return (id == PeerView.NO_LEADER) ? "none" : String.valueOf(id);
	}

}

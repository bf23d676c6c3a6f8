package io.bellwether.election;

import io.bellwether.protocol.PeerView;

/**
 * Thin shell around the {@link ClusterCore}: its tick (failure detector timeouts and
 * election) is run every {@value #TICK_MILLIS} ms by the {@link ElectionTicker} on its
 * own thread (never on the application's scheduler), and it answers who leads. Membership
 * changes re-evaluate the leader inside the core, not through events.
 */
public class ElectionService implements ViewSource {

	/**
	 * Tick of the failure detector and election, in milliseconds. Frames, connection
	 * losses and LEAVEs are evaluated when they arrive; the tick only notices silence (a
	 * timeout, a lease running out, the end of discovery or of the rejoin hold), so it
	 * bounds how late those are seen. At 50 ms the tick was half a resting peer's CPU
	 * (0.45 % of a core of its ~0.9 %); 100 ms halves that for at most 50 ms more on a
	 * frozen peer's 2 s timeout.
	 */
	public static final long TICK_MILLIS = 100;

	private final ClusterCore core;

	public ElectionService(ClusterCore core) {
		this.core = core;
	}

	public void tick() {
		this.core.tick();
	}

	/**
	 * The leader this peer follows now, computed from the clock when asked (in majority
	 * mode this peer names itself only while its lease is valid).
	 * @return the current leadership (never {@code null})
	 */
	public Leadership leadership() {
		return this.core.leadership();
	}

	/**
	 * Whether this peer leads at this instant.
	 * @return whether it is the leader (in majority mode: with a valid lease)
	 */
	public boolean isLeader() {
		return this.core.isLeader();
	}

	public int selfId() {
		return this.core.selfId();
	}

	@Override
	public PeerView currentView() {
		return this.core.currentView();
	}

	/**
	 * The core this service drives.
	 * @return the core
	 */
	public ClusterCore core() {
		return this.core;
	}

}

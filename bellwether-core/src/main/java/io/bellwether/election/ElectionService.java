package io.bellwether.election;

import io.bellwether.protocol.PeerView;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Thin Spring shell around the {@link ClusterCore}: runs its tick (failure detector
 * timeouts and election) every {@value #TICK_MILLIS} ms, and answers who leads.
 * Membership changes re-evaluate the leader inside the core, not through events.
 */
public class ElectionService implements ViewSource {

	/** Tick of the failure detector and election, in milliseconds. */
	static final long TICK_MILLIS = 50;

	private final ClusterCore core;

	public ElectionService(ClusterCore core) {
		this.core = core;
	}

	@Scheduled(fixedDelay = TICK_MILLIS)
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

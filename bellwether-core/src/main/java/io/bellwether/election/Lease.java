package io.bellwether.election;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.bellwether.protocol.PeerView;

/**
 * The leader lease of this peer in majority mode: while it claims leadership, it holds a
 * valid lease only as long as a majority of the group (itself included) is known, by its
 * own clock, to still follow it.
 * <p>
 * Evidence comes from one-way heartbeats: every frame carries {@code sentAt} (the
 * sender's clock) and {@code echo} (the {@code sentAt} of the latest frame the sender
 * accepted from the receiver). A frame from peer Q that names this peer leader in this
 * peer's current term, with an echo {@code e} no older than the start of the current
 * claim, proves that Q accepted a leadership claim this peer sent at its own time
 * {@code e}. Q has promised (see {@link FollowerPromise}) to name no other leader until a
 * whole {@code timeout} of Q's clock after that acceptance; so Q's support is counted
 * until {@code e + timeout × (1 − 2ρ)} of this peer's clock, where ρ = {@link #MAX_DRIFT}
 * bounds how much faster or slower than real time any peer's clock may run. No bound on
 * message delay is needed: a late frame only carries an older echo.
 * <p>
 * The lease expires at the latest time at which {@code majority − 1} other peers still
 * support it. Pure and single-threaded; times are milliseconds of this peer's clock.
 */
final class Lease {

	/**
	 * The largest rate drift of any peer's clock against real time: 1 % (10,000 ppm,
	 * fifty times what NTP slews at most). Clock values need not agree; only their rates
	 * are bounded.
	 */
	static final double MAX_DRIFT = 0.01;

	private final int selfId;

	private final long durationMillis;

	/** Other peers whose support makes a majority with this one. */
	private final int needed;

	private long claimSince = -1;

	private long term;

	private final Map<Integer, Support> supports = new HashMap<>();

	/**
	 * The expiry the lease had just before a frame took away a support it needed; the
	 * lease ended then at the latest, even though no expiry can be computed any more.
	 */
	private long endedBy = Long.MIN_VALUE;

	Lease(int selfId, Duration timeout, int groupSize) {
		this.selfId = selfId;
		this.durationMillis = duration(timeout).toMillis();
		this.needed = groupSize / 2;
	}

	/**
	 * How long one follower's support lasts after the echoed send time.
	 * @param timeout the heartbeat timeout
	 * @return {@code timeout × (1 − 2ρ)}, rounded down to the millisecond
	 */
	static Duration duration(Duration timeout) {
		return Duration.ofMillis((long) Math.floor(timeout.toMillis() * (1 - 2 * MAX_DRIFT)));
	}

	/**
	 * This peer claims leadership in {@code term} (again, or still).
	 * @param now the current time
	 * @param currentTerm the term it claims
	 */
	void claim(long now, long currentTerm) {
		if (this.claimSince < 0) {
			this.claimSince = now;
			this.supports.clear();
			this.endedBy = Long.MIN_VALUE;
		}
		this.term = currentTerm;
	}

	/** This peer stopped claiming leadership: the lease ends with the claim. */
	void release() {
		this.claimSince = -1;
		this.supports.clear();
		this.endedBy = Long.MIN_VALUE;
	}

	boolean claiming() {
		return this.claimSince >= 0;
	}

	/**
	 * An accepted frame from another peer: its latest word on whom it follows.
	 * @param peerId the sender
	 * @param view its view
	 * @param echo the sentAt of our latest frame it had accepted
	 */
	void heard(int peerId, PeerView view, long echo) {
		long before = expiry();
		record(peerId, view, echo);
		if (before != Long.MIN_VALUE && expiry() == Long.MIN_VALUE) {
			this.endedBy = before;
		}
	}

	private void record(int peerId, PeerView view, long echo) {
		if (this.claimSince >= 0 && view.leaderId() == this.selfId && echo >= this.claimSince) {
			this.supports.put(peerId, new Support(view.term(), echo + this.durationMillis));
		}
		else {
			this.supports.remove(peerId);
		}
	}

	/**
	 * Until when the lease is valid.
	 * @return the first millisecond at which it is no longer valid;
	 * {@link Long#MIN_VALUE} when there is no lease
	 */
	long expiry() {
		if (this.claimSince < 0) {
			return Long.MIN_VALUE;
		}
		if (this.needed == 0) {
			return Long.MAX_VALUE;
		}
		long[] until = this.supports.values()
			.stream()
			.filter((support) -> support.term() == this.term)
			.mapToLong(Support::until)
			.toArray();
		if (until.length < this.needed) {
			return Long.MIN_VALUE;
		}
		Arrays.sort(until);
		return until[until.length - this.needed];
	}

	/**
	 * Whether the lease is valid at {@code now}.
	 * @param now the current time
	 * @return whether a majority still follows this peer
	 */
	boolean valid(long now) {
		return now < expiry();
	}

	/**
	 * When the lease ended, if it has: its expiry, or the expiry it had when it lost a
	 * support it needed.
	 * @return that time; {@link Long#MIN_VALUE} if unknown
	 */
	long endedBy() {
		long expiry = expiry();
		return (expiry != Long.MIN_VALUE) ? expiry : this.endedBy;
	}

	/** One follower's support: in which term, and until when (exclusive). */
	private record Support(long term, long until) {
	}

}

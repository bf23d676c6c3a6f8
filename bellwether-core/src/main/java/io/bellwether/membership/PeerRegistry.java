package io.bellwether.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bellwether.config.PeerAddress;
import io.bellwether.config.PeerProperties;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.FrameType;
import io.bellwether.protocol.PeerView;
import lombok.extern.slf4j.Slf4j;

/**
 * Who is alive, as this peer sees it. Fed by the transport (frames received, connections
 * lost, reconnects) and by a periodic {@link #expire()}; read through immutable
 * {@link #snapshot() snapshots}. Time comes from the injected {@link Clock}, so the
 * failure detector is tested without sleeping.
 *
 * <ul>
 * <li>A peer is ALIVE while frames from it arrive, DEAD after {@code timeout} of
 * silence.</li>
 * <li>Crash fast path: its connection closed and reconnecting failed: DEAD at once;
 * frames of that incarnation still in flight are ignored until it is reachable
 * again.</li>
 * <li>LEAVE: DEAD at once; that incarnation is never revived.</li>
 * <li>A restarted peer has a larger incarnation; frames of an older one are ignored. A
 * new incarnation is only accepted once the previous one is DEAD, so nobody can take over
 * a live peer's identity by claiming a newer life.</li>
 * <li>If this peer itself was paused (GC, SIGSTOP) longer than half the timeout, it gives
 * the others one heartbeat interval to be heard from before blaming them, and counts
 * itself as just returned (so the rejoin hold applies to it as to a restarted peer).</li>
 * </ul>
 *
 * State lives in this class under one lock; listeners are called after it is released.
 */
@Slf4j
public final class PeerRegistry {

	/**
	 * Failures count towards damping for this many timeouts (a minute with the defaults).
	 */
	static final int DAMPING_TIMEOUTS = 30;

	private final int selfId;

	private final Clock clock;

	private final Duration interval;

	private final Duration timeout;

	private final MembershipListener listener;

	private Instant started;

	private final Map<Integer, Tracked> peers = new LinkedHashMap<>();

	private final PeerAddress own;

	private Instant lastExpiry;

	private Instant graceUntil = Instant.MIN;

	private long highestClaimedTerm;

	private boolean discovered;

	/**
	 * Whether {@link #start()} was called: discovery cannot end before the transport is
	 * up.
	 */
	private boolean transportUp;

	/**
	 * Since when this peer has been continuously present (reset by a pause of its own).
	 */
	private Instant selfSince;

	/** When this peer was paused for a whole timeout, within {@link #dampingWindow}. */
	private final Deque<Instant> selfPauses = new ArrayDeque<>();

	/** How long a failure counts towards a flapping peer's longer rejoin hold. */
	private final Duration dampingWindow;

	public PeerRegistry(PeerProperties properties, Clock clock, MembershipListener listener) {
		this.selfId = properties.selfId();
		this.clock = clock;
		this.interval = properties.heartbeat().interval();
		this.timeout = properties.heartbeat().timeout();
		this.dampingWindow = this.timeout.multipliedBy(DAMPING_TIMEOUTS);
		this.listener = listener;
		this.started = clock.instant();
		this.selfSince = this.started;
		PeerAddress own = null;
		for (PeerAddress address : properties.group()) {
			if (address.id() == this.selfId) {
				own = address;
			}
			else {
				this.peers.put(address.id(), new Tracked(address));
			}
		}
		this.own = own;
		this.discovered = this.peers.isEmpty();
	}

	/**
	 * The transport is up: from now on this peer is alive and discovering the others for
	 * at most one timeout before it may name a leader. Called when the heartbeat server
	 * starts.
	 */
	public synchronized void start() {
		this.started = this.clock.instant();
		this.selfSince = this.started;
		this.transportUp = true;
	}

	/**
	 * Whether frames from this id may be accepted at all: a configured member other than
	 * self.
	 * @param peerId the claimed sender
	 * @return whether it is another configured member
	 */
	public boolean isPeer(int peerId) {
		return this.peers.containsKey(peerId);
	}

	/**
	 * Records a frame received from another peer.
	 * @param frame the frame
	 * @return what became of it
	 */
	public Acceptance accept(Frame frame) {
		MembershipChange change;
		synchronized (this) {
			Tracked peer = this.peers.get(frame.sender());
			if (peer == null) {
				return Acceptance.UNKNOWN_SENDER;
			}
			Instant now = this.clock.instant();
			if (frame.incarnation() < peer.incarnation || (frame.incarnation() == peer.incarnation
					&& (frame.sequence() <= peer.sequence || peer.left || peer.crashed))) {
				return Acceptance.STALE;
			}
			if (frame.incarnation() > peer.incarnation) {
				if (peer.status == PeerStatus.ALIVE) {
					return Acceptance.CONFLICT;
				}
				peer.incarnation = frame.incarnation();
				peer.left = false;
				peer.crashed = false;
			}
			peer.sequence = frame.sequence();
			peer.lastSeen = now;
			peer.view = frame.view();
			if (frame.view().claimsLeadership(frame.sender())) {
				this.highestClaimedTerm = Math.max(this.highestClaimedTerm, frame.view().term());
			}
			if (frame.type() == FrameType.LEAVE) {
				peer.left = true;
				change = peer.die(FailureCause.LEAVE, now);
			}
			else {
				change = peer.revive(now);
			}
		}
		publish(change);
		return Acceptance.ACCEPTED;
	}

	/**
	 * The peer closed our connection and reconnecting failed at once: it crashed.
	 * @param peerId the peer
	 */
	public void connectionLost(int peerId) {
		MembershipChange change;
		synchronized (this) {
			Tracked peer = this.peers.get(peerId);
			if (peer == null) {
				return;
			}
			peer.crashed = true;
			change = peer.die(FailureCause.CONNECTION_LOST, this.clock.instant());
		}
		publish(change);
	}

	/**
	 * A connection to the peer succeeded: frames of its current incarnation count again
	 * (undoes the crash fast path's embargo; its frames still decide whether it is
	 * ALIVE).
	 * @param peerId the peer
	 */
	public synchronized void reachable(int peerId) {
		Tracked peer = this.peers.get(peerId);
		if (peer != null) {
			peer.crashed = false;
		}
	}

	/**
	 * Whether a peer is ALIVE now.
	 * @param peerId the peer
	 * @return whether it is ALIVE (false for unknown ids)
	 */
	public synchronized boolean isAlive(int peerId) {
		Tracked peer = this.peers.get(peerId);
		return peer != null && peer.status == PeerStatus.ALIVE;
	}

	/**
	 * Declares DEAD every peer silent for longer than the timeout. Called periodically.
	 */
	public void expire() {
		List<MembershipChange> changes = new ArrayList<>();
		synchronized (this) {
			Instant now = this.clock.instant();
			Duration paused = (this.lastExpiry != null) ? Duration.between(this.lastExpiry, now) : Duration.ZERO;
			if (paused.compareTo(this.timeout.dividedBy(2)) > 0) {
				this.graceUntil = now.plus(this.interval);
				log.warn("this peer was paused for {}ms; giving the others {}ms to be heard from", paused.toMillis(),
						this.interval.toMillis());
			}
			if (paused.compareTo(this.timeout) >= 0) {
				// the others have declared us DEAD meanwhile: come back like a restarted
				// peer,
				// learning the current leader from fresh frames before naming one
				this.started = now;
				this.selfSince = now;
				this.selfPauses.addLast(now);
				this.discovered = this.peers.isEmpty();
			}
			this.lastExpiry = now;
			if (now.isBefore(this.graceUntil)) {
				return;
			}
			for (Tracked peer : this.peers.values()) {
				if (peer.status == PeerStatus.ALIVE && !now.isBefore(peer.lastSeen.plus(this.timeout))) {
					changes.add(peer.die(FailureCause.TIMEOUT, now));
				}
			}
		}
		changes.forEach(this::publish);
	}

	/**
	 * An immutable view of every member at this instant.
	 * @return the snapshot
	 */
	public synchronized MembershipSnapshot snapshot() {
		Instant now = this.clock.instant();
		List<Member> members = new ArrayList<>(this.peers.size() + 1);
		for (Tracked peer : this.peers.values()) {
			members.add(peer.toMember(recent(peer.deaths, now)));
		}
		members.add(new Member(this.own, true, PeerStatus.ALIVE, 0, null, this.selfSince, PeerView.EMPTY, null,
				recent(this.selfPauses, now)));
		members.sort((a, b) -> Integer.compare(a.id(), b.id()));
		if (!this.discovered && this.transportUp) {
			this.discovered = !now.isBefore(this.started.plus(this.timeout)) || this.peers.values()
				.stream()
				.allMatch((peer) -> peer.lastSeen != null && !peer.lastSeen.isBefore(this.started));
		}
		return new MembershipSnapshot(this.selfId, members, now, !this.discovered, this.highestClaimedTerm);
	}

	/** Drops failures older than the damping window; returns how many are left. */
	private int recent(Deque<Instant> failures, Instant now) {
		Instant horizon = now.minus(this.dampingWindow);
		while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) {
			failures.removeFirst();
		}
		return failures.size();
	}

	private void publish(MembershipChange change) {
		if (change != null) {
			if (change.status() == PeerStatus.DEAD) {
				log.warn(change.describe());
			}
			else {
				log.info(change.describe());
			}
			this.listener.membershipChanged(change);
		}
	}

	/**
	 * What {@link #accept(Frame)} did with a frame.
	 */
	public enum Acceptance {

		/** Counted: the sender is alive. */
		ACCEPTED,

		/**
		 * Ignored: older incarnation, repeated sequence, or from a life that left or
		 * crashed.
		 */
		STALE,

		/**
		 * Claims a new life of a peer whose current life is still alive: a real restart
		 * is accepted once the old life is DEAD (crash, LEAVE or timeout), so this is an
		 * impostor or a restart the others have not noticed yet. The connection should be
		 * closed; a real peer reconnects.
		 */
		CONFLICT,

		/** Not from a configured peer: the connection should be closed. */
		UNKNOWN_SENDER

	}

	private static final class Tracked {

		private final PeerAddress address;

		private PeerStatus status = PeerStatus.DEAD;

		private long incarnation;

		private long sequence = -1;

		private boolean left;

		private boolean crashed;

		private Instant lastSeen;

		private Instant aliveSince;

		private PeerView view = PeerView.EMPTY;

		private FailureCause cause;

		private final Deque<Instant> deaths = new ArrayDeque<>();

		Tracked(PeerAddress address) {
			this.address = address;
		}

		MembershipChange revive(Instant now) {
			if (this.status == PeerStatus.ALIVE) {
				return null;
			}
			this.status = PeerStatus.ALIVE;
			this.aliveSince = now;
			this.cause = null;
			return new MembershipChange(this.address.id(), PeerStatus.ALIVE, null, this.incarnation, now);
		}

		MembershipChange die(FailureCause why, Instant now) {
			if (this.status == PeerStatus.DEAD) {
				return null;
			}
			this.status = PeerStatus.DEAD;
			this.aliveSince = null;
			this.cause = why;
			this.deaths.addLast(now);
			return new MembershipChange(this.address.id(), PeerStatus.DEAD, why, this.incarnation, now);
		}

		Member toMember(int recentFailures) {
			return new Member(this.address, false, this.status, this.incarnation, this.lastSeen, this.aliveSince,
					this.view, this.cause, recentFailures);
		}

	}

}

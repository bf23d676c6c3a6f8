package io.bellwether.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bellwether.config.PeerAddress;
import io.bellwether.config.PeerProperties;
import io.bellwether.config.QuorumMode;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.FrameType;
import io.bellwether.protocol.PeerView;
import lombok.extern.slf4j.Slf4j;

/**
 * Who is alive, as this peer sees it: a thin locked coordinator of small pure pieces, one
 * concern each ({@link IncarnationGuard} which frames count, {@link FailureDetector}
 * silence, {@link SelfPause} our own pauses, {@link FailureHistory} flap damping,
 * {@link Discovery} start-up). Fed with frames, lost connections and reconnects, and by a
 * periodic {@link #expire()}; read through immutable {@link #snapshot() snapshots}, which
 * change nothing. Time comes from the injected {@link Clock}.
 *
 * <ul>
 * <li>A peer is ALIVE while frames from it arrive, DEAD after {@code timeout} of
 * silence.</li>
 * <li>Crash fast path ({@link #connectionLost}): DEAD at once; frames of that incarnation
 * still in flight are ignored until it is reachable again.</li>
 * <li>LEAVE: DEAD at once; that incarnation is never revived.</li>
 * <li>If this peer itself was paused longer than half the timeout, it gives the others
 * one interval to be heard from before blaming them; paused a whole timeout, it counts
 * itself as just returned and rediscovers the group.</li>
 * </ul>
 *
 * The listener is told of every change synchronously, from the thread that caused it; in
 * Bellwether it is the {@code ClusterCore}, which queues the change and delivers it to
 * application code after releasing its own lock.
 */
@Slf4j
public final class PeerRegistry {

	/**
	 * Failures count towards damping for this many timeouts (a minute with the defaults).
	 */
	static final int DAMPING_TIMEOUTS = 30;

	private final int selfId;

	private final Clock clock;

	private final MembershipListener listener;

	private final Duration interval;

	private final Map<Integer, Tracked> peers = new LinkedHashMap<>();

	private final PeerAddress own;

	private final SelfPause selfPause;

	private final Discovery discovery;

	/** When this peer was paused for a whole timeout. */
	private final FailureHistory selfPauses;

	private long highestClaimedTerm;

	/**
	 * Since when this peer has been continuously present (reset by a pause of its own).
	 */
	private Instant selfSince;

	public PeerRegistry(PeerProperties properties, Clock clock, MembershipListener listener) {
		this.selfId = properties.selfId();
		this.clock = clock;
		this.listener = listener;
		this.interval = properties.heartbeat().interval();
		Duration timeout = properties.heartbeat().timeout();
		Duration dampingWindow = timeout.multipliedBy(DAMPING_TIMEOUTS);
		this.selfPause = new SelfPause(properties.heartbeat().interval(), timeout);
		this.discovery = new Discovery(timeout, properties.election().quorum() == QuorumMode.MAJORITY);
		this.selfPauses = new FailureHistory(dampingWindow);
		this.selfSince = clock.instant();
		PeerAddress own = null;
		for (PeerAddress address : properties.group()) {
			if (address.id() == this.selfId) {
				own = address;
			}
			else {
				this.peers.put(address.id(), new Tracked(address, timeout, dampingWindow));
			}
		}
		this.own = own;
	}

	/**
	 * The transport is up: from now on this peer is alive and discovering the others for
	 * at most one timeout before it may name a leader.
	 */
	public synchronized void start() {
		Instant now = this.clock.instant();
		this.discovery.start(now);
		this.selfSince = now;
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
	public synchronized Acceptance accept(Frame frame) {
		Tracked peer = this.peers.get(frame.sender());
		if (peer == null) {
			return Acceptance.UNKNOWN_SENDER;
		}
		Acceptance acceptance = peer.guard.check(frame, peer.status == PeerStatus.ALIVE);
		if (acceptance != Acceptance.ACCEPTED) {
			return acceptance;
		}
		Instant now = this.clock.instant();
		peer.guard.accept(frame);
		peer.detector.heartbeat(now);
		peer.view = frame.view();
		peer.lastSentAt = frame.sentAt();
		if (frame.view().claimsLeadership(frame.sender())) {
			this.highestClaimedTerm = Math.max(this.highestClaimedTerm, frame.view().term());
		}
		publish((frame.type() == FrameType.LEAVE) ? peer.die(FailureCause.LEAVE, now) : peer.revive(now));
		return Acceptance.ACCEPTED;
	}

	/**
	 * The peer's process is gone: its connection ended and reconnecting was refused (or
	 * reset) by its host.
	 * @param peerId the peer
	 */
	public synchronized void connectionLost(int peerId) {
		Tracked peer = this.peers.get(peerId);
		if (peer != null) {
			peer.guard.crashed();
			publish(peer.die(FailureCause.CONNECTION_LOST, this.clock.instant()));
		}
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
			peer.guard.reachable();
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
	 * The {@code sentAt} of the latest frame accepted from a peer: what this peer echoes
	 * back to it.
	 * @param peerId the peer
	 * @return the sender's timestamp, 0 if none
	 */
	public synchronized long lastSentAt(int peerId) {
		Tracked peer = this.peers.get(peerId);
		return (peer != null) ? peer.lastSentAt : 0;
	}

	/**
	 * Declares DEAD every peer silent for the timeout, unless this peer was just paused
	 * itself. Called periodically.
	 */
	public synchronized void expire() {
		Instant now = this.clock.instant();
		SelfPause.Pause pause = this.selfPause.run(now);
		if (pause != SelfPause.Pause.NONE) {
			log.warn("this peer was paused for {}ms; giving the others {}ms to be heard from",
					this.selfPause.lastGap().toMillis(), this.interval.toMillis());
		}
		if (pause == SelfPause.Pause.LONG) {
			// the others have declared us DEAD meanwhile: come back like a restarted
			// peer,
			// learning the current leader from fresh frames before naming one
			this.discovery.start(now);
			this.selfSince = now;
			this.selfPauses.record(now);
		}
		if (this.selfPause.inGrace(now)) {
			return;
		}
		for (Tracked peer : this.peers.values()) {
			if (peer.status == PeerStatus.ALIVE && peer.detector.silent(now)) {
				publish(peer.die(FailureCause.TIMEOUT, now));
			}
		}
	}

	/**
	 * An immutable view of every member at this instant. Changes nothing.
	 * @return the snapshot
	 */
	public synchronized MembershipSnapshot snapshot() {
		Instant now = this.clock.instant();
		List<Member> members = new ArrayList<>(this.peers.size() + 1);
		List<Boolean> heard = new ArrayList<>(this.peers.size());
		Instant started = this.discovery.started();
		for (Tracked peer : this.peers.values()) {
			members.add(peer.toMember(now));
			heard.add(started != null && peer.detector.heardSince(started));
		}
		members.add(new Member(this.own, true, PeerStatus.ALIVE, 0, null, this.selfSince, PeerView.EMPTY, null,
				this.selfPauses.count(now)));
		members.sort((a, b) -> Integer.compare(a.id(), b.id()));
		return new MembershipSnapshot(this.selfId, members, now, this.discovery.discovering(now, heard),
				this.highestClaimedTerm);
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

	/** One other member: its pieces and its status. */
	private static final class Tracked {

		private final PeerAddress address;

		private final IncarnationGuard guard = new IncarnationGuard();

		private final FailureDetector detector;

		private final FailureHistory deaths;

		private PeerStatus status = PeerStatus.DEAD;

		private Instant aliveSince;

		private PeerView view = PeerView.EMPTY;

		private FailureCause cause;

		private long lastSentAt;

		Tracked(PeerAddress address, Duration timeout, Duration dampingWindow) {
			this.address = address;
			this.detector = new FailureDetector(timeout);
			this.deaths = new FailureHistory(dampingWindow);
		}

		MembershipChange revive(Instant now) {
			if (this.status == PeerStatus.ALIVE) {
				return null;
			}
			this.status = PeerStatus.ALIVE;
			this.aliveSince = now;
			this.cause = null;
			return new MembershipChange(this.address.id(), PeerStatus.ALIVE, null, this.guard.incarnation(), now);
		}

		MembershipChange die(FailureCause why, Instant now) {
			if (this.status == PeerStatus.DEAD) {
				return null;
			}
			this.status = PeerStatus.DEAD;
			this.aliveSince = null;
			this.cause = why;
			this.deaths.record(now);
			return new MembershipChange(this.address.id(), PeerStatus.DEAD, why, this.guard.incarnation(), now);
		}

		Member toMember(Instant now) {
			return new Member(this.address, false, this.status, this.guard.incarnation(), this.detector.lastSeen(),
					this.aliveSince, this.view, this.cause, this.deaths.count(now));
		}

	}

}

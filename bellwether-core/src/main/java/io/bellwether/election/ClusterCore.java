package io.bellwether.election;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import io.bellwether.config.PeerProperties;
import io.bellwether.config.QuorumMode;
import io.bellwether.membership.MembershipChange;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.membership.PeerRegistry;
import io.bellwether.membership.PeerRegistry.Acceptance;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.FrameType;
import io.bellwether.protocol.PeerView;
import lombok.extern.slf4j.Slf4j;

/**
 * The pure core of one peer: membership ({@link PeerRegistry}), election
 * ({@link LeaderElection}, {@link LeaderTracker}) and, in majority mode, the leader lease
 * ({@link Lease}, {@link FollowerPromise}). No sockets, no threads, no Spring: the same
 * core runs over TCP in production and over a simulated network in tests.
 * <p>
 * Driven from outside: the transport hands it frames ({@link #accept}) and connection
 * events ({@link #connectionLost}, {@link #reachable}) and takes frames from it
 * ({@link #frame}); a ticker calls {@link #tick()} every
 * {@value ElectionService#TICK_MILLIS} ms. It asks the transport to send at once through
 * a {@link PeerTransport}, and reports changes to one {@link ClusterListener}.
 * <p>
 * Threading: all state is guarded by one lock. Any thread may call in. The core never
 * calls the listener or the transport while holding its lock: changes are queued under
 * the lock and delivered, in order and one at a time, right after it is released, by the
 * thread that made them.
 * <p>
 * {@link #leadership()} and {@link #isLeader()} are computed from the clock when asked:
 * once this peer's lease has run out it is no longer leader, even before the next tick
 * delivers the revocation.
 */
@Slf4j
public final class ClusterCore {

	private final int selfId;

	private final Clock clock;

	private final boolean majority;

	private final long incarnation;

	private final PeerRegistry registry;

	private final LeaderTracker tracker;

	private final Lease lease;

	private final FollowerPromise promise;

	private final ClusterListener listener;

	private volatile PeerTransport transport = PeerTransport.NONE;

	private final ReentrantLock lock = new ReentrantLock();

	/** Serialises delivery to the listener; never taken while holding {@link #lock}. */
	private final Object delivery = new Object();

	/** Changes not yet delivered, in the order they happened. Guarded by the lock. */
	private final Deque<Object> outbox = new ArrayDeque<>();

	private final Set<Integer> sendTo = new LinkedHashSet<>();

	private boolean sendToAll;

	private long sequence;

	/** What this peer tells the world about leadership. Guarded by the lock. */
	private Leadership published;

	/**
	 * The view in this peer's frames: its candidate leader, term and the peers it hears,
	 * as of the latest evaluation (every change of the registry is followed by one).
	 */
	private PeerView advertised;

	private boolean left;

	/** The sentAt of the latest frame built while this peer did not claim leadership. */
	private long lastUnclaimedSentAt = Long.MIN_VALUE;

	static final String AWAITING_LEASE = "waiting for a majority to confirm this peer's lease";

	static final String LEASE_EXPIRED = "lease expired: no majority confirmed this peer as leader in time";

	/**
	 * A core whose incarnation is the clock's current time in milliseconds.
	 * @param properties the configuration
	 * @param clock the clock (monotonic in production)
	 * @param listener told of every change
	 */
	public ClusterCore(PeerProperties properties, Clock clock, ClusterListener listener) {
		this(properties, clock, clock.millis(), listener);
	}

	/**
	 * A core with a given incarnation.
	 * @param properties the configuration
	 * @param clock the clock (monotonic in production)
	 * @param incarnation this life's number, larger than any earlier life's
	 * @param listener told of every change
	 */
	public ClusterCore(PeerProperties properties, Clock clock, long incarnation, ClusterListener listener) {
		this.selfId = properties.selfId();
		this.clock = clock;
		this.majority = properties.election().quorum() == QuorumMode.MAJORITY;
		this.incarnation = incarnation;
		this.listener = listener;
		this.registry = new PeerRegistry(properties, clock, this::membershipChanged);
		this.published = Leadership.initial(clock.instant());
		this.tracker = new LeaderTracker(this.selfId, new LeaderElection(properties.election().quorum(),
				properties.election().rejoinHold(), properties.election().sticky()), this.published);
		this.lease = new Lease(this.selfId, properties.heartbeat().timeout(), properties.group().size());
		this.promise = new FollowerPromise(this.selfId);
		this.advertised = new PeerView(PeerView.NO_LEADER, 0, List.of(this.selfId));
	}

	/**
	 * Connects the core to its transport.
	 * @param peerTransport where requests to send at once go
	 */
	public void attach(PeerTransport peerTransport) {
		this.transport = peerTransport;
	}

	/** The transport is up: discovery of the group starts now. */
	public void start() {
		this.lock.lock();
		try {
			this.registry.start();
			evaluate();
		}
		finally {
			this.lock.unlock();
		}
		flush();
	}

	/**
	 * Whether frames from this id may be accepted at all.
	 * @param peerId the claimed sender
	 * @return whether it is another configured member
	 */
	public boolean isPeer(int peerId) {
		return this.registry.isPeer(peerId);
	}

	/**
	 * A frame arrived from another peer.
	 * @param frame the frame
	 * @return what became of it
	 */
	public Acceptance accept(Frame frame) {
		Acceptance acceptance;
		this.lock.lock();
		try {
			acceptance = this.registry.accept(frame);
			if (acceptance == Acceptance.ACCEPTED) {
				this.lease.heard(frame.sender(), frame.view(), frame.echo());
				evaluate();
				if (frame.view().claimsLeadership(frame.sender())
						&& this.tracker.current().leaderId() == frame.sender()) {
					// our leader's claim: confirm at once, so that its lease rests on
					// fresh echoes
					this.sendTo.add(frame.sender());
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		flush();
		return acceptance;
	}

	/**
	 * The peer's process is gone: its host refused or reset our reconnect right after its
	 * connection ended. Never call this for a connect that merely timed out.
	 * @param peerId the peer
	 */
	public void connectionLost(int peerId) {
		this.lock.lock();
		try {
			this.registry.connectionLost(peerId);
			evaluate();
		}
		finally {
			this.lock.unlock();
		}
		flush();
	}

	/**
	 * A connection to the peer succeeded.
	 * @param peerId the peer
	 */
	public void reachable(int peerId) {
		this.registry.reachable(peerId);
	}

	/**
	 * Whether a peer is ALIVE now.
	 * @param peerId the peer
	 * @return whether this peer hears it
	 */
	public boolean isAlive(int peerId) {
		return this.registry.isAlive(peerId);
	}

	/** Runs the failure detector's timeouts and re-evaluates the leader. */
	public void tick() {
		this.lock.lock();
		try {
			this.registry.expire();
			evaluate();
		}
		finally {
			this.lock.unlock();
		}
		flush();
	}

	/**
	 * This peer is shutting down cleanly: it stops leading (and following) at once,
	 * before its LEAVE frames go out.
	 */
	public void leave() {
		this.lock.lock();
		try {
			this.left = true;
			evaluate();
		}
		finally {
			this.lock.unlock();
		}
		flush();
	}

	/**
	 * Builds the next frame for one peer: this peer's view, its clock, and the echo of
	 * the latest frame accepted from that peer.
	 * @param type the kind of frame
	 * @param to the receiver
	 * @return the frame
	 */
	public Frame frame(FrameType type, int to) {
		this.lock.lock();
		try {
			long now = this.clock.millis();
			if (this.advertised.leaderId() != this.selfId) {
				this.lastUnclaimedSentAt = now;
			}
			return new Frame(type, this.selfId, this.incarnation, this.sequence++, this.advertised, now,
					this.registry.lastSentAt(to));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The leader this peer follows at this instant. In majority mode this peer names
	 * itself only while its lease is valid by the clock now.
	 * @return the current leadership (never {@code null})
	 */
	public Leadership leadership() {
		this.lock.lock();
		try {
			return publishedNow(this.clock.millis());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether this peer is the leader at this instant (in majority mode: it holds a valid
	 * lease).
	 * @return whether it leads
	 */
	public boolean isLeader() {
		return leadership().leaderId() == this.selfId;
	}

	/**
	 * An immutable view of every member at this instant; changes nothing.
	 * @return the snapshot
	 */
	public MembershipSnapshot snapshot() {
		return this.registry.snapshot();
	}

	/**
	 * What this peer tells the others in its frames: leader (itself while it claims),
	 * term and the peers it hears.
	 * @return the view
	 */
	public PeerView currentView() {
		this.lock.lock();
		try {
			return this.advertised;
		}
		finally {
			this.lock.unlock();
		}
	}

	public int selfId() {
		return this.selfId;
	}

	public long incarnation() {
		return this.incarnation;
	}

	/**
	 * The membership registry (for read-only views: metrics, REST).
	 * @return the registry
	 */
	public PeerRegistry registry() {
		return this.registry;
	}

	/** Called by the registry, under our lock. */
	private void membershipChanged(MembershipChange change) {
		this.outbox.addLast(change);
	}

	/** Re-applies the rule; queues a change if the published leadership changed. */
	private void evaluate() {
		MembershipSnapshot view = this.registry.snapshot();
		Leadership candidate = this.tracker.current();
		LeaderElection.Decision decision = this.left ? LeaderElection.Decision.none("leaving the group")
				: this.tracker.rule().decide(view, candidate.leaderId(), candidate.term());
		if (this.majority && !this.promise.allows(decision.leaderId(), view)) {
			decision = LeaderElection.Decision.leader(this.promise.holder());
		}
		this.tracker.update(view, decision);
		candidate = this.tracker.current();
		long now = this.clock.millis();
		long leaseEnded = Long.MIN_VALUE;
		if (candidate.leaderId() == this.selfId) {
			// a frame built earlier in this millisecond did not claim yet: its echo must
			// not count
			this.lease.claim((now > this.lastUnclaimedSentAt) ? now : now + 1, candidate.term());
		}
		else {
			if (this.majority && this.published.leaderId() == this.selfId) {
				// e.g. thawed after a pause: the lease ran out during it, not now
				leaseEnded = this.lease.endedBy();
			}
			this.lease.release();
		}
		this.promise.following(candidate.leaderId());
		Leadership next = publishable(candidate, now, view.at());
		if (leaseEnded != Long.MIN_VALUE && leaseEnded <= now) {
			next = new Leadership(next.leaderId(), next.term(), Instant.ofEpochMilli(leaseEnded), next.reason());
		}
		Leadership previous = this.published;
		if (next.leaderId() != previous.leaderId()) {
			LeaderChangedEvent change = new LeaderChangedEvent(this.selfId, previous, next);
			log.info(change.describe());
			this.outbox.addLast(change);
			this.published = next;
		}
		else if (next.term() != previous.term() || !Objects.equals(next.reason(), previous.reason())) {
			this.published = new Leadership(previous.leaderId(), next.term(), previous.since(), next.reason());
		}
		PeerView advertise = new PeerView(candidate.leaderId(), candidate.term(), view.aliveIds());
		if (!advertise.equals(this.advertised)) {
			this.advertised = advertise;
			this.sendToAll = true;
		}
	}

	/**
	 * What to tell the world for the candidate leadership at {@code now}: in majority
	 * mode this peer names itself only while its lease is valid.
	 */
	private Leadership publishable(Leadership candidate, long now, Instant at) {
		if (!this.majority || candidate.leaderId() != this.selfId) {
			return candidate;
		}
		if (this.lease.valid(now)) {
			return (this.published.leaderId() == this.selfId) ? this.published.withTerm(candidate.term())
					: new Leadership(this.selfId, candidate.term(), at, null);
		}
		if (this.published.leaderId() == this.selfId) {
			return expired(this.published, now);
		}
		return new Leadership(PeerView.NO_LEADER, candidate.term(),
				(this.published.hasLeader()) ? at : this.published.since(), AWAITING_LEASE);
	}

	/**
	 * The published leadership, with this peer's own lease checked against {@code now}.
	 */
	private Leadership publishedNow(long now) {
		Leadership current = this.published;
		if (this.majority && current.leaderId() == this.selfId && !this.lease.valid(now)) {
			return expired(current, now);
		}
		return current;
	}

	/** No leader since this peer's lease ran out (at its expiry, which may be past). */
	private Leadership expired(Leadership leading, long now) {
		long expiry = this.lease.endedBy();
		Instant since = (expiry != Long.MIN_VALUE && expiry <= now) ? Instant.ofEpochMilli(expiry)
				: Instant.ofEpochMilli(now);
		return new Leadership(PeerView.NO_LEADER, leading.term(), since, LEASE_EXPIRED);
	}

	/** Delivers queued changes and send requests; called without the lock. */
	private void flush() {
		PeerTransport target = this.transport;
		boolean all;
		Integer[] some;
		this.lock.lock();
		try {
			all = this.sendToAll;
			some = this.sendTo.toArray(Integer[]::new);
			this.sendToAll = false;
			this.sendTo.clear();
		}
		finally {
			this.lock.unlock();
		}
		if (all) {
			target.sendNowToAll();
		}
		else {
			for (Integer peerId : some) {
				target.sendNow(peerId);
			}
		}
		synchronized (this.delivery) {
			while (true) {
				Object change;
				this.lock.lock();
				try {
					change = this.outbox.pollFirst();
				}
				finally {
					this.lock.unlock();
				}
				if (change == null) {
					return;
				}
				deliver(change);
			}
		}
	}

	private void deliver(Object change) {
		try {
			if (change instanceof MembershipChange membership) {
				this.listener.membershipChanged(membership);
			}
			else {
				this.listener.leaderChanged((LeaderChangedEvent) change);
			}
		}
		catch (RuntimeException ex) {
			log.error("a cluster listener failed on {}", change, ex);
		}
	}

}

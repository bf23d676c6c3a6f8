package io.bellwether.simulation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import io.bellwether.config.PeerAddress;
import io.bellwether.config.PeerProperties;
import io.bellwether.config.QuorumMode;
import io.bellwether.election.ClusterCore;
import io.bellwether.election.ClusterListener;
import io.bellwether.election.ElectionService;
import io.bellwether.election.LeaderChangedEvent;
import io.bellwether.election.Leadership;
import io.bellwether.election.PeerTransport;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.FrameType;

/**
 * One deterministic run of the real {@link ClusterCore} of 3 to 7 peers in one thread, on
 * a simulated clock and network, everything drawn from one seed: message delays, loss,
 * one-way and full partitions, process pauses, crashes and clean stops with restarts, and
 * clock-rate drift within the bound the lease assumes. The invariants are checked after
 * every simulated event; a violation throws {@link Violation} naming the seed.
 */
final class Simulation {

	static final long MS = 1_000_000L;

	static final Duration INTERVAL = Duration.ofMillis(500);

	static final Duration TIMEOUT = Duration.ofSeconds(2);

	static final long TICK = ElectionService.TICK_MILLIS * MS;

	/** The drift bound of the lease (1 %); the simulated clocks use all of it. */
	static final double DRIFT = 0.01;

	/** Largest one-way delay on a healthy link. */
	static final long MAX_DELAY = 5 * MS;

	/**
	 * The documented pause tolerance for these settings: {@code (timeout × (1 − 2ρ) −
	 * interval) / (1 + ρ)} minus a round trip. A pause shorter than this changes no
	 * leader.
	 */
	static final long PAUSE_TOLERANCE = (long) ((TIMEOUT.toNanos() * (1 - 2 * DRIFT) - INTERVAL.toNanos())
			/ (1 + DRIFT)) - 2 * MAX_DELAY;

	/**
	 * Settling time after which a stable full partition must show in every view: a
	 * timeout and an interval of the slowest clock, two ticks and two delays.
	 */
	static final long SETTLE = (long) ((TIMEOUT.toNanos() + INTERVAL.toNanos()) / (1 - DRIFT)) + 2 * TICK
			+ 2 * MAX_DELAY + 10 * MS;

	private static final int TICK_EVENT = 0;

	private static final int SEND = 1;

	private static final int DELIVER = 2;

	private static final int LOST = 3;

	private static final int REACHABLE = 4;

	private static final int ACTION = 5;

	final long seed;

	private final SplittableRandom random;

	final int size;

	final QuorumMode quorum;

	final Duration rejoinHold;

	final boolean pauseOnly;

	final boolean leaseEdge;

	private final PriorityQueue<Event> queue = new PriorityQueue<>();

	private long now;

	private long sequence;

	private long events;

	private final Peer[] peers;

	private final int[][] blocked;

	private final int[][] lossy;

	private final int[][] slow;

	/** When the network, a pause or a crash last changed. */
	private long topologyChanged;

	private final Map<Long, Integer> leaseTerms = new HashMap<>();

	private final boolean tracing;

	private final Deque<String> trace = new ArrayDeque<>();

	/** Leader changes seen by any peer, for the pause check. */
	private int leaderChanges;

	private long agreedAfter = -1;

	Simulation(long seed, boolean tracing) {
		this.seed = seed;
		this.tracing = tracing;
		this.random = new SplittableRandom(seed);
		this.size = 3 + this.random.nextInt(5);
		this.quorum = (this.random.nextInt(10) < 8) ? QuorumMode.MAJORITY : QuorumMode.NONE;
		long[] holds = { 0, 500, 1000, 2000 };
		this.rejoinHold = Duration.ofMillis(holds[this.random.nextInt(holds.length)]);
		int kind = this.random.nextInt(100);
		this.pauseOnly = kind < 15;
		this.leaseEdge = kind >= 15 && kind < 45;
		this.peers = new Peer[this.size + 1];
		this.blocked = new int[this.size + 1][this.size + 1];
		this.lossy = new int[this.size + 1][this.size + 1];
		this.slow = new int[this.size + 1][this.size + 1];
		List<PeerAddress> group = new ArrayList<>();
		for (int id = 1; id <= this.size; id++) {
			group.add(new PeerAddress(id, "127.0.0.1", 7000 + id));
		}
		for (int id = 1; id <= this.size; id++) {
			double rate = switch (this.random.nextInt(4)) {
				case 0 -> 1 + DRIFT;
				case 1 -> 1 - DRIFT;
				default -> 1 + (this.random.nextDouble() * 2 - 1) * DRIFT;
			};
			PeerProperties properties = new PeerProperties(id, group, "127.0.0.1", null,
					new PeerProperties.Heartbeat(INTERVAL, TIMEOUT, Duration.ofMillis(500)),
					new PeerProperties.Election(this.quorum, this.rejoinHold, false), List.of());
			this.peers[id] = new Peer(id, properties,
					new SimClock(() -> this.now, this.random.nextLong(1L << 50), rate));
		}
	}

	/**
	 * Runs the scenario; returns the simulated time until all peers agreed at the end.
	 */
	Result run() {
		for (int id = 1; id <= this.size; id++) {
			int peer = id;
			at(this.random.nextLong(200 * MS), () -> start(this.peers[peer]));
		}
		long faultsEnd;
		if (this.pauseOnly) {
			faultsEnd = pauseScenario();
		}
		else if (this.leaseEdge) {
			faultsEnd = leaseEdgeScenario();
		}
		else {
			faultsEnd = mixedScenario();
		}
		long bound = 3 * TIMEOUT.toNanos() + 16 * this.rejoinHold.toNanos() + 4_000 * MS;
		long deadline = faultsEnd + bound;
		while (this.agreedAfter < 0) {
			runUntil(Math.min(this.now + 50 * MS, deadline));
			if (this.now >= faultsEnd && agreed()) {
				this.agreedAfter = this.now - faultsEnd;
			}
			else if (this.now >= deadline) {
				fail("no agreement on leader 1 within " + bound / MS + " ms after the faults stopped: "
						+ describePeers());
			}
		}
		runUntil(this.now + 300 * MS);
		return new Result(this.events, this.agreedAfter, this.now);
	}

	/** Start, agree, then one pause shorter than the tolerance: no leader may change. */
	private long pauseScenario() {
		long agreedBy = 12_000 * MS;
		while (!agreed()) {
			runUntil(this.now + 50 * MS);
			if (this.now > agreedBy) {
				fail("no first agreement within 12 s: " + describePeers());
			}
		}
		runUntil(this.now + this.random.nextLong(600 * MS));
		int victim = (this.random.nextInt(2) == 0) ? 1 : 1 + this.random.nextInt(this.size);
		long pause = 50 * MS + this.random.nextLong(PAUSE_TOLERANCE - 50 * MS);
		int before = this.leaderChanges;
		Peer peer = this.peers[victim];
		peer.pausedUntil = this.now + pause;
		note("pause " + victim + " for " + pause / MS + " ms (tolerance " + PAUSE_TOLERANCE / MS + " ms)");
		runUntil(peer.pausedUntil + 3_000 * MS);
		if (this.leaderChanges != before) {
			fail("a pause of " + pause / MS + " ms of peer " + victim + ", shorter than the tolerance of "
					+ PAUSE_TOLERANCE / MS + " ms, changed a leader");
		}
		return this.now;
	}

	/**
	 * Start and agree, then hit the leader right at the lease's edges: a pause around the
	 * timeout, its outbound or inbound links cut one way, or a full isolation; maybe a
	 * further random fault; then everything heals.
	 */
	private long leaseEdgeScenario() {
		while (!agreed()) {
			runUntil(this.now + 50 * MS);
			if (this.now > 12_000 * MS) {
				fail("no first agreement within 12 s: " + describePeers());
			}
		}
		runUntil(this.now + this.random.nextLong(600 * MS));
		int leader = leaderOr(1);
		long duration = (1_500 + this.random.nextLong(2_500)) * MS;
		List<int[]> links = new ArrayList<>();
		switch (this.random.nextInt(5)) {
			case 0, 1 -> {
				Peer peer = this.peers[leader];
				long pause = (1_300 + this.random.nextLong(1_300)) * MS;
				peer.pausedUntil = this.now + pause;
				this.topologyChanged = peer.pausedUntil;
				note("pause leader " + leader + " for " + pause / MS + " ms");
			}
			case 2 -> {
				for (int other = 1; other <= this.size; other++) {
					if (other != leader) {
						links.add(new int[] { leader, other });
					}
				}
				block(links, duration, "leader's frames lost");
			}
			case 3 -> {
				for (int other = 1; other <= this.size; other++) {
					if (other != leader) {
						links.add(new int[] { other, leader });
					}
				}
				block(links, duration, "frames to the leader lost");
			}
			default -> {
				for (int other = 1; other <= this.size; other++) {
					if (other != leader) {
						links.add(new int[] { leader, other });
						links.add(new int[] { other, leader });
					}
				}
				block(links, duration, "leader isolated");
			}
		}
		long span = this.now + duration + 500 * MS;
		if (this.random.nextBoolean()) {
			at(this.now + this.random.nextLong(duration), this::randomFault);
		}
		at(span, this::healAll);
		runUntil(span);
		return span;
	}

	/** Random overlapping faults for a few seconds, then everything heals. */
	private long mixedScenario() {
		long span = (2_000 + this.random.nextLong(6_000)) * MS;
		int faults = 1 + this.random.nextInt(6);
		for (int i = 0; i < faults; i++) {
			long when = this.random.nextLong(span);
			at(when, this::randomFault);
		}
		at(span, this::healAll);
		runUntil(span);
		return span;
	}

	private void randomFault() {
		long duration = (200 + this.random.nextLong(4_800)) * MS;
		int kind = this.random.nextInt(7);
		switch (kind) {
			case 0 -> {
				// full partition into two sides (often the leader alone)
				boolean[] side = new boolean[this.size + 1];
				if (this.random.nextBoolean()) {
					side[leaderOr(1 + this.random.nextInt(this.size))] = true;
				}
				else {
					for (int id = 1; id <= this.size; id++) {
						side[id] = this.random.nextBoolean();
					}
				}
				List<int[]> links = new ArrayList<>();
				for (int a = 1; a <= this.size; a++) {
					for (int b = 1; b <= this.size; b++) {
						if (a != b && side[a] != side[b]) {
							links.add(new int[] { a, b });
						}
					}
				}
				block(links, duration, "partition");
			}
			case 1 -> {
				// one-way: everything from one peer to some others is lost
				int from = (this.random.nextBoolean()) ? leaderOr(1) : 1 + this.random.nextInt(this.size);
				List<int[]> links = new ArrayList<>();
				for (int to = 1; to <= this.size; to++) {
					if (to != from && this.random.nextBoolean()) {
						links.add(this.random.nextBoolean() ? new int[] { from, to } : new int[] { to, from });
					}
				}
				block(links, duration, "one-way");
			}
			case 2 -> {
				int victim = this.random.nextBoolean() ? leaderOr(1) : 1 + this.random.nextInt(this.size);
				long pause = this.random.nextInt(3) == 0 ? (1_300 + this.random.nextLong(900)) * MS
						: (50 + this.random.nextLong(4_500)) * MS;
				Peer peer = this.peers[victim];
				if (peer.up && peer.pausedUntil <= this.now) {
					peer.pausedUntil = this.now + pause;
					this.topologyChanged = Math.max(this.topologyChanged, peer.pausedUntil);
					note("pause " + victim + " for " + pause / MS + " ms");
				}
			}
			case 3, 4 -> {
				int victim = this.random.nextBoolean() ? leaderOr(1) : 1 + this.random.nextInt(this.size);
				Peer peer = this.peers[victim];
				if (peer.up && downCount() < (this.size - 1) / 2 + ((this.quorum == QuorumMode.NONE) ? 1 : 0)) {
					if (kind == 3) {
						crash(peer);
					}
					else {
						stopCleanly(peer);
					}
					at(this.now + this.random.nextLong(duration), () -> {
						if (!peer.up) {
							start(peer);
						}
					});
				}
			}
			case 5 -> {
				int a = 1 + this.random.nextInt(this.size);
				int b = 1 + (a + this.random.nextInt(this.size - 1)) % this.size;
				change(this.lossy, a, b, 1);
				note("loss " + a + "->" + b);
				at(this.now + duration, () -> change(this.lossy, a, b, -1));
			}
			default -> {
				int a = 1 + this.random.nextInt(this.size);
				int b = 1 + (a + this.random.nextInt(this.size - 1)) % this.size;
				change(this.slow, a, b, 1);
				note("slow " + a + "->" + b);
				at(this.now + duration, () -> change(this.slow, a, b, -1));
			}
		}
	}

	private void block(List<int[]> links, long duration, String what) {
		for (int[] link : links) {
			change(this.blocked, link[0], link[1], 1);
		}
		note(what + " " + describeLinks(links));
		at(this.now + duration, () -> {
			for (int[] link : links) {
				change(this.blocked, link[0], link[1], -1);
				unblocked(link[0], link[1]);
			}
			note("heal " + describeLinks(links));
		});
	}

	private void healAll() {
		for (int a = 1; a <= this.size; a++) {
			for (int b = 1; b <= this.size; b++) {
				boolean wasBlocked = this.blocked[a][b] > 0;
				this.blocked[a][b] = 0;
				this.lossy[a][b] = 0;
				this.slow[a][b] = 0;
				if (wasBlocked) {
					unblocked(a, b);
				}
			}
		}
		for (int id = 1; id <= this.size; id++) {
			Peer peer = this.peers[id];
			if (!peer.up) {
				start(peer);
			}
			peer.pausedUntil = Math.min(peer.pausedUntil, this.now);
		}
		this.topologyChanged = this.now;
		note("heal all");
	}

	/** A link works again: a link to a peer that is down now finds its port closed. */
	private void unblocked(int from, int to) {
		Peer target = this.peers[to];
		Peer source = this.peers[from];
		if (source.up && !target.up) {
			int life = target.life;
			schedule(this.now + this.random.nextLong(1 * MS, 100 * MS), LOST, from, to, source.life, 0, null, life);
		}
	}

	private void change(int[][] matrix, int a, int b, int delta) {
		// a fault that ends after the final heal finds nothing left to undo
		matrix[a][b] = Math.max(0, matrix[a][b] + delta);
		this.topologyChanged = this.now;
	}

	// --- peers

	private void start(Peer peer) {
		peer.life++;
		peer.up = true;
		peer.pausedUntil = 0;
		peer.lastTerm = 0;
		peer.core = new ClusterCore(peer.properties, peer.clock, peer.clock.millis(), peer);
		peer.core.attach(peer);
		peer.linkGen = new long[this.size + 1];
		peer.helloSent = new boolean[this.size + 1];
		peer.core.start();
		this.topologyChanged = this.now;
		note("start " + peer.id + " (life " + peer.life + ")");
		schedule(this.now + this.random.nextLong(TICK), TICK_EVENT, peer.id, 0, peer.life, 0, null, 0);
		for (int other = 1; other <= this.size; other++) {
			if (other != peer.id) {
				peer.sendNow(other);
				Peer them = this.peers[other];
				if (them.up && this.blocked[peer.id][other] == 0 && this.blocked[other][peer.id] == 0) {
					schedule(this.now + this.random.nextLong(1 * MS, 50 * MS), REACHABLE, other, peer.id, them.life, 0,
							null, 0);
				}
			}
		}
	}

	private void crash(Peer peer) {
		note("crash " + peer.id);
		down(peer);
	}

	private void stopCleanly(Peer peer) {
		note("stop " + peer.id);
		peer.core.leave();
		for (int other = 1; other <= this.size; other++) {
			if (other != peer.id) {
				transmit(peer, other, peer.core.frame(FrameType.LEAVE, other));
			}
		}
		down(peer);
	}

	private void down(Peer peer) {
		int life = peer.life;
		peer.up = false;
		peer.core = null;
		peer.life++;
		this.topologyChanged = this.now;
		for (int other = 1; other <= this.size; other++) {
			Peer them = this.peers[other];
			if (other != peer.id && them.up && this.blocked[peer.id][other] == 0 && this.blocked[other][peer.id] == 0) {
				// crash fast path: its connection to them ends, their reconnect is
				// refused
				schedule(this.now + this.random.nextLong(1 * MS, 120 * MS), LOST, other, peer.id, them.life, 0, null,
						life);
			}
		}
	}

	private int downCount() {
		int down = 0;
		for (int id = 1; id <= this.size; id++) {
			down += this.peers[id].up ? 0 : 1;
		}
		return down;
	}

	/** The peer holding leadership now, else {@code fallback}. */
	private int leaderOr(int fallback) {
		for (int id = 1; id <= this.size; id++) {
			Peer peer = this.peers[id];
			if (peer.up && peer.core.isLeader()) {
				return id;
			}
		}
		return fallback;
	}

	// --- network

	private void transmit(Peer from, int to, Frame frame) {
		Peer target = this.peers[to];
		if (!target.up || this.blocked[from.id][to] > 0) {
			return;
		}
		if (this.lossy[from.id][to] > 0 && this.random.nextInt(2) == 0) {
			return;
		}
		long delay = this.random.nextLong(MS / 5, MAX_DELAY);
		if (this.slow[from.id][to] > 0) {
			delay += this.random.nextLong(50 * MS, 1_500 * MS);
		}
		schedule(this.now + delay, DELIVER, to, from.id, target.life, 0, frame, 0);
	}

	// --- events

	private void at(long time, Runnable action) {
		Event event = new Event(time, this.sequence++, ACTION, 0, 0, 0, 0, null, 0);
		event.action = action;
		this.queue.add(event);
	}

	private void schedule(long time, int kind, int peer, int other, int life, long gen, Frame frame, int otherLife) {
		this.queue.add(new Event(time, this.sequence++, kind, peer, other, life, gen, frame, otherLife));
	}

	private void runUntil(long until) {
		while (!this.queue.isEmpty() && this.queue.peek().time <= until) {
			Event event = this.queue.poll();
			this.now = event.time;
			this.events++;
			dispatch(event);
		}
		this.now = Math.max(this.now, until);
	}

	private void dispatch(Event event) {
		if (event.kind == ACTION) {
			event.action.run();
			checkAll();
			return;
		}
		Peer peer = this.peers[event.peer];
		if (!peer.up || peer.life != event.life) {
			return;
		}
		if (this.now < peer.pausedUntil) {
			// a frozen process: everything waits for the thaw, in order
			event.time = peer.pausedUntil;
			event.seq = this.sequence++;
			this.queue.add(event);
			return;
		}
		switch (event.kind) {
			case TICK_EVENT -> {
				peer.core.tick();
				if (peer.up && peer.life == event.life) {
					schedule(this.now + peer.clock.realNanosFor(TICK), TICK_EVENT, peer.id, 0, peer.life, 0, null, 0);
				}
			}
			case SEND -> {
				if (event.gen == peer.linkGen[event.other]) {
					FrameType type = peer.helloSent[event.other] ? FrameType.HEARTBEAT : FrameType.HELLO;
					peer.helloSent[event.other] = true;
					Frame frame = peer.core.frame(type, event.other);
					if (this.tracing) {
						note(peer.id + " -> " + event.other + " " + describe(frame));
					}
					transmit(peer, event.other, frame);
					long gen = ++peer.linkGen[event.other];
					schedule(this.now + peer.clock.realNanosFor(INTERVAL.toNanos()), SEND, peer.id, event.other,
							peer.life, gen, null, 0);
				}
			}
			case DELIVER -> {
				if (this.blocked[event.other][peer.id] > 0) {
					return;
				}
				if (this.tracing) {
					note(event.other + " => " + peer.id + " " + describe(event.frame));
				}
				peer.core.accept(event.frame);
			}
			case LOST -> {
				Peer gone = this.peers[event.other];
				if (gone.up && gone.life != event.otherLife) {
					return; // it restarted meanwhile: the reconnect succeeds
				}
				note(peer.id + " sees " + event.other + " crash (fast path)");
				peer.core.connectionLost(event.other);
			}
			case REACHABLE -> peer.core.reachable(event.other);
			default -> throw new IllegalStateException("unknown event " + event.kind);
		}
		check(peer);
	}

	// --- invariants

	private void checkAll() {
		for (int id = 1; id <= this.size; id++) {
			check(this.peers[id]);
		}
	}

	private void check(Peer peer) {
		if (!peer.up) {
			return;
		}
		Leadership leadership = peer.core.leadership();
		if (leadership.term() < peer.lastTerm) {
			fail("peer " + peer.id + "'s term went down from " + peer.lastTerm + " to " + leadership.term());
		}
		peer.lastTerm = leadership.term();
		boolean majority = this.quorum == QuorumMode.MAJORITY;
		if (majority && leadership.hasLeader()) {
			MembershipSnapshot view = peer.core.snapshot();
			if (view.alive().size() * 2 <= this.size) {
				fail("peer " + peer.id + " names leader " + leadership.leaderId() + " while it hears only "
						+ view.aliveIds());
			}
		}
		if (leadership.hasLeader() && stablePartition()) {
			int[] component = component(peer.id);
			if (!contains(component, leadership.leaderId())) {
				fail("peer " + peer.id + " names leader " + leadership.leaderId() + " from across a partition "
						+ "stable for " + (this.now - this.topologyChanged) / MS + " ms");
			}
			if (majority && component.length * 2 <= this.size) {
				fail("peer " + peer.id + " names leader " + leadership.leaderId() + " on a minority side "
						+ java.util.Arrays.toString(component));
			}
		}
		if (majority && leadership.leaderId() == peer.id) {
			Integer other = this.leaseTerms.putIfAbsent(leadership.term(), peer.id);
			if (other != null && other != peer.id) {
				fail("peers " + other + " and " + peer.id + " both led in term " + leadership.term());
			}
			for (int id = 1; id <= this.size; id++) {
				Peer them = this.peers[id];
				if (id != peer.id && them.up && them.core.isLeader()) {
					fail("two leaders at once: " + peer.id + " (term " + leadership.term() + ") and " + id + " (term "
							+ them.core.leadership().term() + ")");
				}
			}
		}
	}

	/**
	 * All peers up, none paused, no loss, and the blocked links split the group cleanly.
	 */
	private boolean stablePartition() {
		if (this.now < this.topologyChanged + SETTLE) {
			return false;
		}
		for (int a = 1; a <= this.size; a++) {
			if (!this.peers[a].up) {
				return false;
			}
			for (int b = 1; b <= this.size; b++) {
				if (this.lossy[a][b] > 0 || this.slow[a][b] > 0
						|| (this.blocked[a][b] > 0) != (this.blocked[b][a] > 0)) {
					return false;
				}
				for (int c = 1; c <= this.size; c++) {
					if (a != b && b != c && a != c && this.blocked[a][b] == 0 && this.blocked[b][c] == 0
							&& this.blocked[a][c] > 0) {
						return false;
					}
				}
			}
		}
		return true;
	}

	private int[] component(int id) {
		List<Integer> members = new ArrayList<>();
		for (int other = 1; other <= this.size; other++) {
			if (other == id || this.blocked[id][other] == 0) {
				members.add(other);
			}
		}
		return members.stream().mapToInt(Integer::intValue).toArray();
	}

	private static boolean contains(int[] ids, int id) {
		for (int candidate : ids) {
			if (candidate == id) {
				return true;
			}
		}
		return false;
	}

	/** Every peer up, following peer 1 in one term, and peer 1 leads. */
	private boolean agreed() {
		long term = -1;
		for (int id = 1; id <= this.size; id++) {
			Peer peer = this.peers[id];
			if (!peer.up) {
				return false;
			}
			Leadership leadership = peer.core.leadership();
			if (leadership.leaderId() != 1 || (term >= 0 && leadership.term() != term)) {
				return false;
			}
			term = leadership.term();
		}
		return this.peers[1].core.isLeader();
	}

	private void fail(String what) {
		throw new Violation(this.seed, this.now,
				what + " [" + this.size + " peers, quorum " + this.quorum + ", rejoin-hold "
						+ this.rejoinHold.toMillis() + " ms"
						+ (this.pauseOnly ? ", pause only" : this.leaseEdge ? ", lease edge" : "") + "]",
				String.join("\n", this.trace));
	}

	private void note(String line) {
		if (this.tracing) {
			this.trace.addLast(String.format("%9.3f %s", this.now / 1e6, line));
			while (this.trace.size() > 400) {
				this.trace.removeFirst();
			}
		}
	}

	private String describePeers() {
		StringBuilder out = new StringBuilder();
		for (int id = 1; id <= this.size; id++) {
			Peer peer = this.peers[id];
			out.append(id).append(peer.up ? "" : "(down)");
			if (peer.up) {
				Leadership leadership = peer.core.leadership();
				out.append(":leader ")
					.append(leadership.leaderId())
					.append(" term ")
					.append(leadership.term())
					.append(" hears ")
					.append(peer.core.snapshot().aliveIds());
				if (leadership.reason() != null) {
					out.append(" (").append(leadership.reason()).append(")");
				}
			}
			out.append("; ");
		}
		return out.toString();
	}

	private static String describe(Frame frame) {
		return frame.type() + " leader " + frame.view().leaderId() + " term " + frame.view().term() + " alive "
				+ frame.view().alive() + " sent " + frame.sentAt() % 100_000 + " echo " + frame.echo() % 100_000;
	}

	private static String describeLinks(List<int[]> links) {
		StringBuilder out = new StringBuilder();
		for (int[] link : links) {
			out.append(link[0]).append("->").append(link[1]).append(' ');
		}
		return out.toString().trim();
	}

	/** One simulated peer: its clock, its current life and its core. */
	private final class Peer implements PeerTransport, ClusterListener {

		final int id;

		final PeerProperties properties;

		final SimClock clock;

		int life;

		boolean up;

		long pausedUntil;

		long lastTerm;

		ClusterCore core;

		long[] linkGen;

		boolean[] helloSent;

		Peer(int id, PeerProperties properties, SimClock clock) {
			this.id = id;
			this.properties = properties;
			this.clock = clock;
		}

		@Override
		public void sendNow(int peerId) {
			long gen = ++this.linkGen[peerId];
			schedule(Simulation.this.now + MS / 50, SEND, this.id, peerId, this.life, gen, null, 0);
		}

		@Override
		public void sendNowToAll() {
			for (int other = 1; other <= Simulation.this.size; other++) {
				if (other != this.id) {
					sendNow(other);
				}
			}
		}

		@Override
		public void leaderChanged(LeaderChangedEvent change) {
			Simulation.this.leaderChanges++;
			note("peer " + this.id + ": " + change.describe());
		}

	}

	private static final class Event implements Comparable<Event> {

		long time;

		long seq;

		final int kind;

		final int peer;

		final int other;

		final int life;

		final long gen;

		final Frame frame;

		final int otherLife;

		Runnable action;

		Event(long time, long seq, int kind, int peer, int other, int life, long gen, Frame frame, int otherLife) {
			this.time = time;
			this.seq = seq;
			this.kind = kind;
			this.peer = peer;
			this.other = other;
			this.life = life;
			this.gen = gen;
			this.frame = frame;
			this.otherLife = otherLife;
		}

		@Override
		public int compareTo(Event other) {
			int byTime = Long.compare(this.time, other.time);
			return (byTime != 0) ? byTime : Long.compare(this.seq, other.seq);
		}

	}

	/** What one run did. */
	record Result(long events, long agreedAfterNanos, long simulatedNanos) {
	}

	/** An invariant failed. */
	static final class Violation extends RuntimeException {

		final long seed;

		final String trace;

		Violation(long seed, long at, String what, String trace) {
			super("seed " + seed + " at " + String.format("%.3f", at / 1e9) + " s: " + what);
			this.seed = seed;
			this.trace = trace;
		}

	}

}

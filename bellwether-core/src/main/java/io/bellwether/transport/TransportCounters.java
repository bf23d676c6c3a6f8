package io.bellwether.transport;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.bellwether.config.PeerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Counts what the transport did with connections and frames, by a low-cardinality reason
 * (e.g. {@code rejected.oversized}, {@code frames.received}), and publishes the same
 * facts as Micrometer meters (tagged by peer id, a fixed set):
 * <ul>
 * <li>{@code bellwether.heartbeats.sent} / {@code bellwether.heartbeats.received}
 * ({@code outcome=accepted|stale}): frames per peer (HELLO and LEAVE included);</li>
 * <li>{@code bellwether.heartbeat.interarrival}: time between two accepted frames from
 * one peer (a gap while it was down shows up as one long sample);</li>
 * <li>{@code bellwether.connections.rejected} ({@code reason}): connections closed for
 * what they sent;</li>
 * <li>{@code bellwether.connect.duration}: how long a successful TCP connect to a peer
 * took (one network round trip).</li>
 * </ul>
 * Every method is cheap and never blocks: transport threads call them per frame.
 */
public final class TransportCounters {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	private final Map<Integer, PeerMeters> peers = new ConcurrentHashMap<>();

	private final Map<String, Counter> rejections = new ConcurrentHashMap<>();

	/**
	 * Counters kept in memory only (meters go to a private registry), e.g. for tests.
	 */
	public TransportCounters() {
		this(new SimpleMeterRegistry());
	}

	public TransportCounters(MeterRegistry meters, PeerProperties properties) {
		this(meters);
		properties.others().forEach((peer) -> peer(peer.id()));
	}

	TransportCounters(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * A frame was written to a peer.
	 * @param peerId the receiving peer
	 */
	void frameSent(int peerId) {
		increment("frames.sent");
		peer(peerId).sent.increment();
	}

	/**
	 * A valid frame arrived from a peer.
	 * @param peerId the sending peer
	 * @param stale whether the registry ignored it (old incarnation or repeated sequence)
	 */
	void frameReceived(int peerId, boolean stale) {
		increment("frames.received");
		PeerMeters peer = peer(peerId);
		if (stale) {
			increment("frames.stale");
			peer.stale.increment();
			return;
		}
		peer.accepted.increment();
		long now = System.nanoTime();
		long previous = peer.lastArrival.getAndSet(now);
		if (previous != 0) {
			peer.interarrival.record(now - previous, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * A connection was closed because of what it sent (or did not send).
	 * @param reason low-cardinality reason, e.g. {@code oversized},
	 * {@code unknown-sender}
	 */
	void connectionRejected(String reason) {
		increment("rejected." + reason);
		this.rejections
			.computeIfAbsent(reason,
					(key) -> Counter.builder("bellwether.connections.rejected")
						.description("Heartbeat connections closed because of what they sent (or did not send)")
						.tag("reason", key)
						.register(this.meters))
			.increment();
	}

	/**
	 * A connection to a peer was established.
	 * @param peerId the peer
	 * @param took how long the TCP connect took
	 */
	void connected(int peerId, Duration took) {
		increment("connections.opened");
		peer(peerId).connect(this.meters).record(took);
	}

	private PeerMeters peer(int peerId) {
		return this.peers.computeIfAbsent(peerId, (id) -> new PeerMeters(this.meters, String.valueOf(id)));
	}

	private void increment(String name) {
		this.counts.computeIfAbsent(name, (key) -> new LongAdder()).increment();
	}

	/**
	 * One counter's value.
	 * @param name the counter
	 * @return its value, 0 if never incremented
	 */
	public long get(String name) {
		LongAdder adder = this.counts.get(name);
		return (adder != null) ? adder.sum() : 0;
	}

	/**
	 * All counters, sorted by name.
	 * @return a copy of the counters
	 */
	public Map<String, Long> snapshot() {
		Map<String, Long> copy = new TreeMap<>();
		this.counts.forEach((name, adder) -> copy.put(name, adder.sum()));
		return copy;
	}

	/** The meters of one peer, created on its first frame. */
	private static final class PeerMeters {

		private final Counter sent;

		private final Counter accepted;

		private final Counter stale;

		private final Timer interarrival;

		private final String peer;

		private final AtomicLong lastArrival = new AtomicLong();

		private volatile Timer connect;

		PeerMeters(MeterRegistry meters, String peer) {
			this.peer = peer;
			this.sent = Counter.builder("bellwether.heartbeats.sent")
				.description("Frames (HELLO, HEARTBEAT, LEAVE) written to a peer")
				.tag("peer", peer)
				.register(meters);
			this.accepted = received(meters, peer, "accepted");
			this.stale = received(meters, peer, "stale");
			this.interarrival = Timer.builder("bellwether.heartbeat.interarrival")
				.description("Time between two accepted frames from a peer")
				.tag("peer", peer)
				.register(meters);
		}

		/**
		 * Registered on first use, so no empty series is exported before connects are
		 * timed.
		 */
		Timer connect(MeterRegistry meters) {
			Timer timer = this.connect;
			if (timer == null) {
				timer = Timer.builder("bellwether.connect.duration")
					.description("Time a successful TCP connect to a peer took (one network round trip)")
					.tag("peer", this.peer)
					.register(meters);
				this.connect = timer;
			}
			return timer;
		}

		private static Counter received(MeterRegistry meters, String peer, String outcome) {
			return Counter.builder("bellwether.heartbeats.received")
				.description("Valid frames received from a peer; stale ones (old incarnation, repeated sequence) "
						+ "are ignored")
				.tag("peer", peer)
				.tag("outcome", outcome)
				.register(meters);
		}

	}

}

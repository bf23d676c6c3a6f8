package io.bellwether.transport;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.stereotype.Component;

/**
 * Counts what the transport did with connections and frames, by a low-cardinality reason
 * (e.g. {@code rejected.oversized}, {@code frames.received}).
 */
@Component
public final class TransportCounters {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	/**
	 * A frame was written to a peer.
	 * @param peerId the receiving peer
	 */
	void frameSent(int peerId) {
		increment("frames.sent");
	}

	/**
	 * A valid frame arrived from a peer.
	 * @param peerId the sending peer
	 * @param stale whether the registry ignored it (old incarnation or repeated sequence)
	 */
	void frameReceived(int peerId, boolean stale) {
		increment("frames.received");
		if (stale) {
			increment("frames.stale");
		}
	}

	/**
	 * A connection was closed because of what it sent (or did not send).
	 * @param reason low-cardinality reason, e.g. {@code oversized},
	 * {@code unknown-sender}
	 */
	void connectionRejected(String reason) {
		increment("rejected." + reason);
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

}

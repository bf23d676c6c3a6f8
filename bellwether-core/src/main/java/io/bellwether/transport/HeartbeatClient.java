package io.bellwether.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bellwether.config.PeerAddress;
import io.bellwether.config.PeerProperties;
import io.bellwether.election.ClusterCore;
import io.bellwether.election.PeerTransport;
import io.bellwether.protocol.FrameCodec;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends heartbeats: one {@link PeerLink} (persistent connection and named thread
 * {@code bellwether-hb-client-<id>}) per other peer. Starts after the
 * {@link HeartbeatServer}; on stop this peer steps down and sends LEAVE to every peer so
 * they re-elect at once. The core's {@link PeerTransport}: it asks for a frame at once
 * when its view changes or its leader's claim needs a prompt confirmation.
 */
@Component
public class HeartbeatClient implements SmartLifecycle, PeerTransport {

	/** After the server, so a peer can answer before it calls out. */
	static final int PHASE = HeartbeatServer.PHASE + 1;

	private static final Duration STOP_BOUND = Duration.ofSeconds(1);

	private final Map<Integer, PeerLink> links = new LinkedHashMap<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	private final ClusterCore core;

	public HeartbeatClient(PeerProperties properties, ClusterCore core, FrameFactory frames, FrameCodec codec,
			TransportCounters counters) {
		this.core = core;
		for (PeerAddress peer : properties.others()) {
			this.links.put(peer.id(), new PeerLink(peer, properties, core, frames, codec, counters));
		}
		core.attach(this);
	}

	@Override
	public synchronized void start() {
		for (PeerLink link : this.links.values()) {
			Thread thread = new Thread(link, "bellwether-hb-client-" + link.peer().id());
			thread.setDaemon(true);
			thread.start();
			this.threads.add(thread);
		}
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.core.leave();
		List<PeerLink> all = new ArrayList<>(this.links.values());
		all.forEach(PeerLink::requestStop);
		for (int i = 0; i < all.size(); i++) {
			all.get(i).finish(this.threads.get(i), STOP_BOUND);
		}
		this.threads.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void sendNowToAll() {
		this.links.values().forEach(PeerLink::sendNow);
	}

	@Override
	public void sendNow(int peerId) {
		PeerLink link = this.links.get(peerId);
		if (link != null) {
			link.sendNow();
		}
	}

	/**
	 * The peer's connection to us ended: reconnect to it at once to learn if it crashed.
	 * @param peerId the peer
	 */
	void probe(int peerId) {
		PeerLink link = this.links.get(peerId);
		if (link != null && this.running) {
			link.probe();
		}
	}

	/**
	 * The peer said HELLO: if our link to it is backing off, retry now.
	 * @param peerId the peer
	 */
	void helloFrom(int peerId) {
		PeerLink link = this.links.get(peerId);
		if (link != null) {
			link.retryNow();
		}
	}

}

package io.bellwether.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.bellwether.config.InvalidConfigurationException;
import io.bellwether.config.PeerProperties;
import io.bellwether.election.ClusterCore;
import io.bellwether.protocol.FrameCodec;
import lombok.extern.slf4j.Slf4j;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Accepts the other peers' connections on this peer's heartbeat port (thread
 * {@code bellwether-hb-server}) and reads their frames, one named thread per connection,
 * feeding the {@link ClusterCore}. Inbound connections are bounded; a connection that
 * sends anything but valid frames from a configured peer is closed, logged once and
 * counted, and nothing else changes.
 */
@Slf4j
@Component
public class HeartbeatServer implements SmartLifecycle {

	static final int PHASE = 0;

	private static final Duration STOP_BOUND = Duration.ofSeconds(2);

	private static final Duration ACCEPT_RETRY = Duration.ofMillis(100);

	private static final Duration REFUSAL_LOG_EVERY = Duration.ofSeconds(10);

	/**
	 * Connections that have not said HELLO yet, at most; each one must do so within the
	 * timeout.
	 */
	static final int MAX_UNIDENTIFIED = 8;

	/**
	 * Identified connections per peer, at most: a reconnect may overlap the old
	 * connection.
	 */
	static final int CONNECTIONS_PER_PEER = 2;

	private final PeerProperties properties;

	private final ClusterCore core;

	private final HeartbeatClient client;

	private final TransportCounters counters;

	private final FrameCodec codec;

	/** Connections that have not yet said a valid HELLO. */
	private final Semaphore strangers = new Semaphore(MAX_UNIDENTIFIED);

	/** Open identified connections per peer id; guarded by itself. */
	private final Map<Integer, Integer> perPeer = new HashMap<>();

	private final Set<InboundConnection> connections = ConcurrentHashMap.newKeySet();

	private final Map<InboundConnection, Integer> identified = new ConcurrentHashMap<>();

	private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_EVERY.toNanos());

	private final AtomicLong refusedSinceLog = new AtomicLong();

	private final AtomicInteger connectionNumber = new AtomicInteger();

	private volatile ServerSocket serverSocket;

	private volatile Thread acceptor;

	public HeartbeatServer(PeerProperties properties, ClusterCore core, HeartbeatClient client, FrameCodec codec,
			TransportCounters counters) {
		this.properties = properties;
		this.codec = codec;
		this.core = core;
		this.client = client;
		this.counters = counters;
	}

	@Override
	public void start() {
		InetSocketAddress address = new InetSocketAddress(this.properties.bindAddress(), this.properties.bindPort());
		ServerSocket socket;
		try {
			socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(address, 64);
		}
		catch (IOException ex) {
			throw new InvalidConfigurationException("cannot listen for heartbeats on " + address.getHostString() + ":"
					+ address.getPort() + " (" + ex.getMessage() + ")");
		}
		this.serverSocket = socket;
		this.core.start();
		Thread thread = new Thread(this::acceptLoop, "bellwether-hb-server");
		thread.setDaemon(true);
		this.acceptor = thread;
		thread.start();
		log.info("peer {} listening for heartbeats on {}:{}", this.properties.selfId(), address.getHostString(),
				socket.getLocalPort());
	}

	private void acceptLoop() {
		ServerSocket server = this.serverSocket;
		while (!server.isClosed()) {
			Socket socket;
			try {
				socket = server.accept();
			}
			catch (IOException ex) {
				if (!server.isClosed()) {
					// e.g. out of file descriptors: don't spin, try again shortly
					log.warn("accepting heartbeat connections failed: {}", ex.toString());
					LockSupport.parkNanos(ACCEPT_RETRY.toNanos());
				}
				continue;
			}
			if (!this.strangers.tryAcquire()) {
				refuse(socket);
				continue;
			}
			InboundConnection connection = new InboundConnection(socket, this.properties, this.core, this.codec,
					this.counters, this.client, this::identify, this::release);
			this.connections.add(connection);
			Thread thread = new Thread(connection, "bellwether-hb-in-" + this.connectionNumber.incrementAndGet());
			thread.setDaemon(true);
			connection.attach(thread);
			thread.start();
		}
	}

	private void refuse(Socket socket) {
		this.counters.connectionRejected("too-many-connections");
		long refused = this.refusedSinceLog.incrementAndGet();
		long last = this.lastRefusalLog.get();
		long now = System.nanoTime();
		if (now - last >= REFUSAL_LOG_EVERY.toNanos() && this.lastRefusalLog.compareAndSet(last, now)) {
			this.refusedSinceLog.addAndGet(-refused);
			log.warn("refused {} heartbeat connection(s), the latest from {}: {} connections are still waiting "
					+ "to say HELLO", refused, socket.getRemoteSocketAddress(), MAX_UNIDENTIFIED);
		}
		closeQuietly(socket);
	}

	/**
	 * The connection said a valid HELLO: move it from the strangers to its peer's quota.
	 */
	private boolean identify(InboundConnection connection, int peerId) {
		synchronized (this.perPeer) {
			int open = this.perPeer.getOrDefault(peerId, 0);
			if (open >= CONNECTIONS_PER_PEER) {
				return false;
			}
			this.perPeer.put(peerId, open + 1);
		}
		this.identified.put(connection, peerId);
		this.strangers.release();
		return true;
	}

	private void release(InboundConnection connection) {
		if (!this.connections.remove(connection)) {
			return;
		}
		Integer peerId = this.identified.remove(connection);
		if (peerId == null) {
			this.strangers.release();
			return;
		}
		synchronized (this.perPeer) {
			this.perPeer.merge(peerId, -1, Integer::sum);
		}
	}

	@Override
	public void stop() {
		ServerSocket server = this.serverSocket;
		if (server == null) {
			return;
		}
		this.serverSocket = null;
		closeQuietly(server);
		join(this.acceptor);
		for (InboundConnection connection : this.connections) {
			connection.close();
		}
		for (InboundConnection connection : this.connections) {
			join(connection.thread());
		}
	}

	private static void join(Thread thread) {
		if (thread != null) {
			try {
				thread.join(STOP_BOUND.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.serverSocket != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * The port actually bound.
	 * @return the local port, or -1 when not running
	 */
	public int localPort() {
		ServerSocket server = this.serverSocket;
		return (server != null) ? server.getLocalPort() : -1;
	}

	/**
	 * Open inbound connections.
	 * @return how many are open now
	 */
	public int openConnections() {
		return this.connections.size();
	}

	static void closeQuietly(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException | RuntimeException ex) {
			if (!(ex instanceof SocketException)) {
				log.trace("close failed", ex);
			}
		}
	}

}

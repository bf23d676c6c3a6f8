package io.bellwether.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.bellwether.config.PeerAddress;
import io.bellwether.config.PeerProperties;
import io.bellwether.election.ClusterCore;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.FrameCodec;
import lombok.extern.slf4j.Slf4j;

/**
 * The persistent outbound connection to one other peer, driven by its own thread:
 * connect, say HELLO, send a heartbeat every interval (or at once when the view changes),
 * reconnect with capped exponential backoff.
 * <p>
 * Crash fast path: when the peer's connection to us ends (the server calls
 * {@link #probe()}) or a write fails, this link reconnects at once; if the peer's host
 * refuses that connect (or accepts and then resets it) the peer process is gone and the
 * core declares it DEAD without waiting for the timeout. A connect that times out is no
 * such evidence (a frozen process or a partition does the same) and is left to the
 * failure detector.
 */
@Slf4j
final class PeerLink implements Runnable {

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

	/** How long a reconnect after a lost connection must stay open before it counts. */
	private static final int VERIFY_MILLIS = 100;

	private final PeerAddress peer;

	private final Duration interval;

	private final Duration timeout;

	private final int connectTimeoutMillis;

	private final Duration maxBackoff;

	private final ClusterCore core;

	private final FrameFactory frames;

	private final FrameCodec codec;

	private final TransportCounters counters;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition signal = this.lock.newCondition();

	private boolean running = true;

	private boolean sendNow;

	private boolean probe;

	private boolean retryNow;

	private volatile Socket socket;

	/** When the current connection was made ({@link System#nanoTime()}). */
	private long connectedAt;

	/** Source address of outbound connections; {@code null} lets the system choose. */
	private final InetSocketAddress localAddress;

	/**
	 * What the peer's host name resolved to last time; only the link's thread uses it.
	 */
	private InetAddress lastAddress;

	/** Whether the last lookup of the peer's host name failed (logged once). */
	private boolean unresolved;

	PeerLink(PeerAddress peer, PeerProperties properties, ClusterCore core, FrameFactory frames, FrameCodec codec,
			TransportCounters counters) {
		this.peer = peer;
		this.interval = properties.heartbeat().interval();
		this.timeout = properties.heartbeat().timeout();
		this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE,
				properties.heartbeat().connectTimeout().toMillis());
		this.localAddress = localAddress(properties.bindAddress());
		this.maxBackoff = (this.interval.compareTo(Duration.ofSeconds(1)) > 0) ? this.interval : Duration.ofSeconds(1);
		this.core = core;
		this.frames = frames;
		this.codec = codec;
		this.counters = counters;
	}

	@Override
	public void run() {
		boolean lost = false;
		Duration backoff = FIRST_BACKOFF;
		while (isRunning()) {
			Socket current = this.socket;
			if (current == null) {
				try {
					current = connect();
				}
				catch (IOException ex) {
					if (refused(ex) && (lost || this.core.isAlive(this.peer.id()))) {
						// the peer's host answered: nothing listens there, the process is
						// gone
						log.debug("reconnect to peer {} refused: {}", this.peer.id(), ex.toString());
						this.core.connectionLost(this.peer.id());
						lost = false;
					}
					else if (lost) {
						// a timeout (or no route) proves nothing: a paused or cut-off
						// peer is left to the failure detector
						log.debug("reconnect to peer {} failed: {}", this.peer.id(), ex.toString());
					}
					awaitBackoff(backoff);
					backoff = min(backoff.multipliedBy(2), this.maxBackoff);
					continue;
				}
				if (!send(current, this.frames.hello(this.peer.id()))) {
					lost = true;
					continue;
				}
				if (lost && !stillOpen(current)) {
					// accepted by a process that is dying: its listening socket is being
					// closed
					log.debug("peer {} accepted the reconnect, then reset it", this.peer.id());
					closeSocket();
					this.core.connectionLost(this.peer.id());
					lost = false;
					awaitBackoff(backoff);
					continue;
				}
				backoff = FIRST_BACKOFF;
				lost = false;
				this.core.reachable(this.peer.id());
			}
			else if (!send(current, this.frames.heartbeat(this.peer.id()))) {
				lost = true;
				continue;
			}
			if (awaitNextHeartbeat()) {
				closeSocket();
				lost = true;
			}
			else if (silentTooLong()) {
				// e.g. a partition: the old connection sits in TCP's exponential
				// retransmission
				// backoff; a fresh one gets through within a second of the network
				// healing
				log.debug("peer {} is silent: opening a fresh connection", this.peer.id());
				closeSocket();
			}
		}
	}

	private Socket connect() throws IOException {
		Socket candidate = new Socket();
		try {
			candidate.setTcpNoDelay(true);
			if (this.localAddress != null) {
				candidate.bind(this.localAddress);
			}
			InetSocketAddress target = new InetSocketAddress(resolve(), this.peer.port());
			long started = System.nanoTime();
			candidate.connect(target, this.connectTimeoutMillis);
			this.counters.connected(this.peer.id(), Duration.ofNanos(System.nanoTime() - started));
		}
		catch (IOException ex) {
			candidate.close();
			throw ex;
		}
		this.lock.lock();
		try {
			if (!this.running) {
				candidate.close();
				throw new IOException("stopping");
			}
			this.socket = candidate;
			this.connectedAt = System.nanoTime();
		}
		finally {
			this.lock.unlock();
		}
		log.debug("connected to peer {} at {}", this.peer.id(), this.peer);
		return candidate;
	}

	/**
	 * Looks the peer's host name up again for every connection (the JVM caches answers
	 * only briefly, see the server's {@code DnsCachePolicy}): a name that does not
	 * resolve yet (pod not scheduled) is retried with the usual backoff, and a peer that
	 * comes back on a new address (rescheduled pod) is found there. Logs the first
	 * failure and every change of address once.
	 */
	private InetAddress resolve() throws UnknownHostException {
		InetAddress address;
		try {
			address = InetAddress.getByName(this.peer.host());
		}
		catch (UnknownHostException ex) {
			if (!this.unresolved) {
				log.warn("peer {}: host {} does not resolve (yet); retrying", this.peer.id(), this.peer.host());
				this.unresolved = true;
			}
			throw ex;
		}
		if (this.unresolved || (this.lastAddress != null && !this.lastAddress.equals(address))) {
			log.info("peer {}: host {} resolves to {}{}", this.peer.id(), this.peer.host(), address.getHostAddress(),
					(this.lastAddress != null && !this.lastAddress.equals(address))
							? " (was " + this.lastAddress.getHostAddress() + ")" : "");
		}
		this.unresolved = false;
		this.lastAddress = address;
		return address;
	}

	/** Our connection has been up for a timeout and the peer is still not heard from. */
	private boolean silentTooLong() {
		return this.socket != null && System.nanoTime() - this.connectedAt > this.timeout.toNanos()
				&& !this.core.isAlive(this.peer.id());
	}

	/**
	 * After a lost connection, a reconnect can land in the listen queue of a process that
	 * is being killed; the kernel then resets it a moment later. The accepting side never
	 * writes, so a short read tells the two apart: a timeout means the peer is there, and
	 * so does an orderly close (a live peer refusing this connection, e.g. over its
	 * limit); only a reset means the process is gone.
	 */
	private boolean stillOpen(Socket target) {
		try {
			target.setSoTimeout(VERIFY_MILLIS);
			target.getInputStream().read();
			return true;
		}
		catch (SocketTimeoutException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
		finally {
			try {
				target.setSoTimeout(0);
			}
			catch (IOException ex) {
				log.trace("resetting the read timeout failed", ex);
			}
		}
	}

	/**
	 * Whether a failed connect was answered by the peer's host with a refusal (nothing
	 * listens on its port), as opposed to a timeout or an unreachable network, which a
	 * paused process or a partition also cause.
	 */
	static boolean refused(IOException ex) {
		String message = String.valueOf(ex.getMessage()).toLowerCase(java.util.Locale.ROOT);
		return ex instanceof ConnectException && message.contains("refused");
	}

	private boolean send(Socket target, Frame frame) {
		try {
			OutputStream out = target.getOutputStream();
			out.write(this.codec.encode(frame));
			out.flush();
			this.counters.frameSent(this.peer.id());
			return true;
		}
		catch (IOException ex) {
			log.debug("sending to peer {} failed: {}", this.peer.id(), ex.toString());
			closeSocket();
			return false;
		}
	}

	/**
	 * Waits one interval, or less if the view changed or a probe was requested.
	 * @return whether the connection must be re-established (probe)
	 */
	private boolean awaitNextHeartbeat() {
		this.lock.lock();
		try {
			long remaining = this.interval.toNanos();
			while (this.running && !this.sendNow && !this.probe && remaining > 0) {
				remaining = this.signal.awaitNanos(remaining);
			}
			boolean mustProbe = this.probe;
			this.sendNow = false;
			this.probe = false;
			return mustProbe;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void awaitBackoff(Duration backoff) {
		this.lock.lock();
		try {
			long remaining = backoff.toNanos();
			while (this.running && !this.retryNow && remaining > 0) {
				remaining = this.signal.awaitNanos(remaining);
			}
			this.retryNow = false;
			this.probe = false;
			this.sendNow = false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The view changed: send a heartbeat now instead of at the next interval. */
	void sendNow() {
		signal(() -> this.sendNow = true);
	}

	/** The peer's own connection to us ended: check at once whether it is still there. */
	void probe() {
		signal(() -> this.probe = true);
	}

	/** The peer just said HELLO to us: if we are backing off, try to connect now. */
	void retryNow() {
		signal(() -> this.retryNow = true);
	}

	private void signal(Runnable change) {
		this.lock.lock();
		try {
			change.run();
			this.signal.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean isRunning() {
		this.lock.lock();
		try {
			return this.running;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Asks the link's thread to end; {@link #finish} completes the stop. */
	void requestStop() {
		signal(() -> this.running = false);
	}

	/**
	 * Completes a stop: waits for the link's thread, sends LEAVE if still connected,
	 * closes the socket (which also frees a thread blocked in a write).
	 * @param thread the link's thread
	 * @param bound how long to wait for the thread, twice at most
	 */
	void finish(Thread thread, Duration bound) {
		join(thread, bound);
		Socket current = this.socket;
		if (current != null && !thread.isAlive()) {
			send(current, this.frames.leave(this.peer.id()));
		}
		closeSocket();
		join(thread, bound);
	}

	private static void join(Thread thread, Duration bound) {
		try {
			thread.join(bound.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void closeSocket() {
		Socket current = this.socket;
		this.socket = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				log.trace("closing connection to peer {}", this.peer.id(), ex);
			}
		}
	}

	/**
	 * A peer bound to one address also calls out from it, so that the others (and
	 * firewall rules) see one address per peer; a wildcard bind address leaves it to the
	 * system.
	 */
	private static InetSocketAddress localAddress(String bindAddress) {
		InetSocketAddress address = new InetSocketAddress(bindAddress, 0);
		return (address.getAddress() == null || address.getAddress().isAnyLocalAddress()) ? null : address;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	PeerAddress peer() {
		return this.peer;
	}

}

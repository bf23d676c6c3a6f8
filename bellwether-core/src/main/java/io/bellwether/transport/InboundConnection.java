package io.bellwether.transport;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import io.bellwether.config.PeerProperties;
import io.bellwether.election.ClusterCore;
import io.bellwether.membership.PeerRegistry;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.FrameCodec;
import io.bellwether.protocol.FrameException;
import io.bellwether.protocol.FrameType;
import lombok.extern.slf4j.Slf4j;

/**
 * One accepted connection. The first frame must be a HELLO from a configured peer (other
 * than this one) within the heartbeat timeout; every later frame must come from the same
 * sender. Anything else closes this connection only, with one log line and one count.
 */
@Slf4j
final class InboundConnection implements Runnable {

	/**
	 * An identified peer may stay silent this many timeouts before its connection is
	 * dropped.
	 */
	private static final int IDLE_TIMEOUTS = 5;

	/** Peer id before HELLO; outside the range of ids (0 is a valid peer). */
	private static final int UNIDENTIFIED = -1;

	private final Socket socket;

	private final PeerProperties properties;

	private final ClusterCore core;

	private final FrameCodec codec;

	private final TransportCounters counters;

	private final HeartbeatClient client;

	private final BiPredicate<InboundConnection, Integer> identify;

	private final Consumer<InboundConnection> onClose;

	private volatile boolean closing;

	private Thread thread;

	InboundConnection(Socket socket, PeerProperties properties, ClusterCore core, FrameCodec codec,
			TransportCounters counters, HeartbeatClient client, BiPredicate<InboundConnection, Integer> identify,
			Consumer<InboundConnection> onClose) {
		this.socket = socket;
		this.properties = properties;
		this.core = core;
		this.codec = codec;
		this.counters = counters;
		this.client = client;
		this.identify = identify;
		this.onClose = onClose;
	}

	void attach(Thread owner) {
		this.thread = owner;
	}

	Thread thread() {
		return this.thread;
	}

	@Override
	public void run() {
		int peerId = UNIDENTIFIED;
		boolean endedByPeer = false;
		try {
			int timeout = (int) this.properties.heartbeat().timeout().toMillis();
			this.socket.setTcpNoDelay(true);
			FrameDeadlineInputStream in = new FrameDeadlineInputStream(this.socket, timeout, timeout);
			Frame hello = this.codec.read(in);
			if (hello == null) {
				reject("closed-before-hello", "closed before saying HELLO");
				return;
			}
			if (hello.type() != FrameType.HELLO) {
				reject("no-hello", "first frame was " + hello.type() + ", not HELLO");
				return;
			}
			if (!this.core.isPeer(hello.sender())) {
				reject("unknown-sender", "HELLO from id " + hello.sender() + ", which is not another configured peer");
				return;
			}
			if (!this.identify.test(this, hello.sender())) {
				reject("too-many-connections", "peer " + hello.sender() + " already has "
						+ HeartbeatServer.CONNECTIONS_PER_PEER + " connections open");
				return;
			}
			peerId = hello.sender();
			this.client.helloFrom(peerId);
			Frame frame = hello;
			while (frame != null) {
				if (frame.sender() != peerId) {
					reject("sender-changed", "frame from " + frame.sender() + " on peer " + peerId + "'s connection");
					return;
				}
				PeerRegistry.Acceptance acceptance = this.core.accept(frame);
				if (acceptance == PeerRegistry.Acceptance.CONFLICT) {
					reject("incarnation-conflict", "claims a new life (incarnation " + frame.incarnation()
							+ ") of peer " + peerId + ", whose current life is still alive");
					return;
				}
				this.counters.frameReceived(peerId, acceptance == PeerRegistry.Acceptance.STALE);
				in.nextFrame(timeout * IDLE_TIMEOUTS);
				frame = this.codec.read(in);
			}
			endedByPeer = true;
		}
		catch (FrameException ex) {
			reject(ex.reason().tag(), ex.getMessage());
		}
		catch (SocketTimeoutException ex) {
			reject("read-timeout", "read timed out: " + ex.getMessage());
		}
		catch (IOException ex) {
			endedByPeer = !this.closing;
			if (endedByPeer) {
				log.debug("connection from {} failed: {}", describe(peerId), ex.toString());
			}
		}
		finally {
			close();
			this.onClose.accept(this);
			if (endedByPeer && peerId != UNIDENTIFIED) {
				this.client.probe(peerId);
			}
		}
	}

	private void reject(String reason, String detail) {
		if (this.closing) {
			return;
		}
		this.counters.connectionRejected(reason);
		log.warn("closing heartbeat connection from {}: {}", this.socket.getRemoteSocketAddress(), detail);
	}

	private String describe(int peerId) {
		return (peerId != UNIDENTIFIED) ? "peer " + peerId : String.valueOf(this.socket.getRemoteSocketAddress());
	}

	void close() {
		this.closing = true;
		HeartbeatServer.closeQuietly(this.socket);
	}

}

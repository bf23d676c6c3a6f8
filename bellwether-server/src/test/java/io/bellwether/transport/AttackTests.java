package io.bellwether.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.bellwether.election.Leadership;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.FrameAuthenticator;
import io.bellwether.protocol.FrameCodec;
import io.bellwether.protocol.FrameType;
import io.bellwether.protocol.PeerView;
import io.bellwether.testsupport.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attacks on running peers from a raw socket: forged and replayed frames, a flood of
 * connections, and secret hygiene. Peers 1 and 2 run for real; peer 3's address is a
 * socket owned by the test, so the test receives (and can replay) the real peers' frames.
 */
@ExtendWith(OutputCaptureExtension.class)
class AttackTests {

	private static final String SECRET = "attack-test-secret-0123456789";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private LocalCluster cluster;

	private ServerSocket fakePeer3;

	@AfterEach
	void stop() throws IOException {
		if (this.cluster != null) {
			this.cluster.close();
		}
		if (this.fakePeer3 != null) {
			this.fakePeer3.close();
		}
	}

	@Test
	void withoutSecretAForgedNewLifeOfTheLeaderIsRefused() throws Exception {
		Leadership before = startTwoPeers();
		FrameCodec codec = new FrameCodec();
		long forgedIncarnation = System.currentTimeMillis() + 1_000_000;
		try (Socket socket = connectToPeer2()) {
			send(socket, codec.encode(Frame.hello(1, forgedIncarnation, 0, new PeerView(1, 999, List.of(1)))));
			send(socket, codec.encode(Frame.heartbeat(1, forgedIncarnation, 1, new PeerView(1, 999, List.of(1)))));
			assertThat(readUntilClosed(socket.getInputStream())).isEqualTo(-1);
		}
		assertUnchanged(before, "rejected.incarnation-conflict");
	}

	@Test
	void withoutSecretAReplayedCapturedFrameChangesNothing() throws Exception {
		Leadership before = startTwoPeers();
		replayFramesOfPeer1(new FrameCodec());
		assertUnchanged(before, null);
	}

	@Test
	void withSecretUnsignedForgedAndWronglySignedFramesAreRefused(CapturedOutput output) throws Exception {
		Leadership before = startTwoPeers("bellwether.secret=" + SECRET);
		Frame forged = Frame.hello(1, System.currentTimeMillis() + 1_000_000, 0, new PeerView(1, 999, List.of(1)));
		try (Socket socket = connectToPeer2()) {
			send(socket, new FrameCodec().encode(forged));
			assertThat(readUntilClosed(socket.getInputStream())).isEqualTo(-1);
		}
		assertUnchanged(before, "rejected.unauthenticated");
		FrameCodec wrongKey = new FrameCodec(
				new FrameAuthenticator(List.of("not-the-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8))));
		try (Socket socket = connectToPeer2()) {
			send(socket, wrongKey.encode(forged));
			assertThat(readUntilClosed(socket.getInputStream())).isEqualTo(-1);
		}
		assertUnchanged(before, "rejected.bad-tag");
		assertThat(output).contains("wrong bellwether.secret").doesNotContain(SECRET);
	}

	@Test
	void withSecretAReplayedSignedFrameChangesNothing() throws Exception {
		Leadership before = startTwoPeers("bellwether.secret=" + SECRET);
		replayFramesOfPeer1(new FrameCodec(new FrameAuthenticator(List.of(SECRET.getBytes(StandardCharsets.UTF_8)))));
		assertUnchanged(before, null);
	}

	@Test
	void aFloodOfConnectionsIsBoundedAndChangesNothing() throws Exception {
		Leadership before = startTwoPeers();
		TransportCounters counters = this.cluster.bean(2, TransportCounters.class);
		long refusedBefore = counters.get("rejected.too-many-connections");
		List<Socket> flood = new ArrayList<>();
		try {
			for (int i = 0; i < 300; i++) {
				flood.add(connectToPeer2());
			}
			await().atMost(WAIT).until(() -> counters.get("rejected.too-many-connections") >= refusedBefore + 250);
			long handlers = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().startsWith("bellwether-hb-in-"))
				.count();
			int bound = 2 * (HeartbeatServer.MAX_UNIDENTIFIED + 2 * HeartbeatServer.CONNECTIONS_PER_PEER);
			assertThat(handlers).as("connection threads of both peers").isLessThanOrEqualTo(bound);
			assertThat(this.cluster.get(2, "/leader").statusCode()).isEqualTo(200);
		}
		finally {
			for (Socket socket : flood) {
				socket.close();
			}
		}
		assertUnchanged(before, null);
	}

	@Test
	void theSecretAppearsInNoEndpointAndNoLog(CapturedOutput output) throws Exception {
		startTwoPeers("bellwether.secret=" + SECRET, "management.endpoints.web.exposure.include=*",
				"management.endpoint.env.show-values=when-authorized",
				"management.endpoint.configprops.show-values=when-authorized");
		for (String path : List.of("/actuator/env", "/actuator/configprops", "/actuator/env/bellwether.secret",
				"/leader", "/peers", "/actuator/health", "/no-such-page", "/leader?secret=x")) {
			assertThat(this.cluster.get(2, path).body()).as(path)
				.doesNotContain(SECRET)
				.doesNotContain("at io.bellwether");
		}
		assertThat(output).doesNotContain(SECRET);
	}

	/**
	 * Starts peers 1 and 2 of a group of 3 whose peer 3 is the test; waits for leader 1.
	 */
	private Leadership startTwoPeers(String... properties) throws IOException {
		this.cluster = new LocalCluster(3, properties);
		this.fakePeer3 = new ServerSocket(this.cluster.heartbeatPort(3));
		this.cluster.start(1);
		this.cluster.start(2);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(this.cluster.leadership(1).leaderId()).isEqualTo(1);
			assertThat(this.cluster.leadership(2).leaderId()).isEqualTo(1);
			assertThat(this.cluster.leadership(2).term()).isEqualTo(this.cluster.leadership(1).term());
		});
		return this.cluster.leadership(2);
	}

	/**
	 * Captures peer 1's first frames and replays them to peer 2, which must ignore each
	 * one.
	 */
	private void replayFramesOfPeer1(FrameCodec codec) throws Exception {
		List<byte[]> captured = captureFramesOfPeer1(codec, 3);
		TransportCounters counters = this.cluster.bean(2, TransportCounters.class);
		long staleBefore = counters.get("frames.stale");
		try (Socket socket = connectToPeer2()) {
			for (byte[] frame : captured) {
				send(socket, frame);
			}
			await().atMost(WAIT).until(() -> counters.get("frames.stale") >= staleBefore + captured.size());
		}
	}

	/**
	 * Accepts connections on peer 3's port until peer 1 calls, and records its first
	 * frames.
	 */
	private List<byte[]> captureFramesOfPeer1(FrameCodec codec, int count) throws Exception {
		this.fakePeer3.setSoTimeout(20_000);
		while (true) {
			try (Socket socket = this.fakePeer3.accept()) {
				socket.setSoTimeout(10_000);
				InputStream in = socket.getInputStream();
				List<byte[]> frames = new ArrayList<>();
				Frame hello = null;
				while (frames.size() < count) {
					byte[] prefix = in.readNBytes(4);
					int length = java.nio.ByteBuffer.wrap(prefix).getInt();
					byte[] frame = new byte[4 + length];
					System.arraycopy(prefix, 0, frame, 0, 4);
					System.arraycopy(in.readNBytes(length), 0, frame, 4, length);
					Frame decoded = codec.decode(frame);
					hello = (hello != null) ? hello : decoded;
					frames.add(frame);
				}
				if (hello.sender() == 1 && hello.type() == FrameType.HELLO) {
					return frames;
				}
			}
		}
	}

	private void assertUnchanged(Leadership before, String counter) {
		if (counter != null) {
			TransportCounters counters = this.cluster.bean(2, TransportCounters.class);
			await().atMost(WAIT).until(() -> counters.get(counter) >= 1);
		}
		for (int id : List.of(1, 2)) {
			assertThat(this.cluster.leadership(id).leaderId()).isEqualTo(1);
			assertThat(this.cluster.leadership(id).term()).isEqualTo(before.term());
		}
		assertThat(this.cluster.membership(2).member(1).orElseThrow().alive()).isTrue();
	}

	private Socket connectToPeer2() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.cluster.heartbeatPort(2));
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static void send(Socket socket, byte[] bytes) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(bytes);
		out.flush();
	}

	private static int readUntilClosed(InputStream in) throws IOException {
		try {
			return in.read();
		}
		catch (java.net.SocketException ex) {
			return -1;
		}
	}

}

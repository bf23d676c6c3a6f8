package io.bellwether.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.bellwether.election.Leadership;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.FrameCodec;
import io.bellwether.protocol.PeerView;
import io.bellwether.testsupport.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bytes from a stranger close that one connection, are counted, and change nothing else.
 */
@ExtendWith(OutputCaptureExtension.class)
class StrangerConnectionTests {

	private static LocalCluster cluster;

	private static Leadership before;

	@BeforeAll
	static void startCluster() {
		cluster = new LocalCluster(2, "bellwether.heartbeat.timeout=1s", "bellwether.heartbeat.interval=200ms")
			.startAll();
		await().atMost(Duration.ofSeconds(30)).until(() -> cluster.leaders().values().stream().allMatch((l) -> l == 1));
		before = cluster.leadership(2);
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void garbageClosesTheConnection() throws IOException {
		assertClosedAfterSending("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
				"rejected.oversized");
	}

	@Test
	void oversizedLengthClosesTheConnectionWithoutAllocating() throws IOException {
		assertClosedAfterSending(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array(), "rejected.oversized");
	}

	@Test
	void badMagicClosesTheConnection() throws IOException {
		byte[] frame = new FrameCodec().encode(Frame.hello(1, 1, 1, PeerView.EMPTY));
		frame[4] = 0;
		assertClosedAfterSending(frame, "rejected.bad-magic");
	}

	@Test
	void framesOfAnotherProtocolVersionCloseTheConnectionWithOneLineNamingBothVersions(CapturedOutput output)
			throws IOException {
		// a peer of the previous release (protocol version 1) says HELLO as peer 1
		byte[] hello = new FrameCodec().encode(Frame.hello(1, 1, 1, new PeerView(1, 1, List.of(1, 2))));
		hello[6] = 1;
		int before = output.getOut().length();
		assertClosedAfterSending(hello, "rejected.unsupported-version");
		String line = "protocol version 1 received, this peer speaks version " + FrameCodec.VERSION;
		await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().substring(before).contains(line));
		assertThat(output.getOut().substring(before).lines().filter((logged) -> logged.contains(line))).singleElement()
			.satisfies(
					(logged) -> assertThat(logged).contains("WARN", "closing heartbeat connection from /127.0.0.1:"));
	}

	@Test
	void helloFromAStrangerIdClosesTheConnection() throws IOException {
		assertClosedAfterSending(new FrameCodec().encode(Frame.hello(99, 1, 1, PeerView.EMPTY)),
				"rejected.unknown-sender");
	}

	@Test
	void heartbeatBeforeHelloClosesTheConnection() throws IOException {
		assertClosedAfterSending(new FrameCodec().encode(Frame.heartbeat(1, 1, 1, new PeerView(1, 99, List.of(1)))),
				"rejected.no-hello");
	}

	@Test
	void truncatedFrameThenSilenceIsClosedAfterTheTimeout() throws IOException {
		byte[] frame = new FrameCodec().encode(Frame.hello(1, 1, 1, PeerView.EMPTY));
		assertClosedAfterSending(java.util.Arrays.copyOf(frame, 10), "rejected.read-timeout");
	}

	private void assertClosedAfterSending(byte[] bytes, String counter) throws IOException {
		TransportCounters counters = cluster.bean(2, TransportCounters.class);
		long rejectedBefore = counters.get(counter);
		try (Socket socket = new Socket("127.0.0.1", cluster.heartbeatPort(2))) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(bytes);
			out.flush();
			InputStream in = socket.getInputStream();
			assertThat(readUntilClosed(in)).as("server closes the connection without answering").isEqualTo(-1);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> counters.get(counter) == rejectedBefore + 1);
		assertThat(cluster.leadership(2).leaderId()).isEqualTo(before.leaderId());
		assertThat(cluster.leadership(2).term()).isEqualTo(before.term());
		assertThat(cluster.membership(2).aliveIds()).containsExactly(1, 2);
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

package io.bellwether.events;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.bellwether.config.PeerProperties;
import io.bellwether.election.ClusterCore;
import io.bellwether.election.ClusterListener;
import io.bellwether.election.ElectionService;
import io.bellwether.membership.FailureCause;
import io.bellwether.membership.MembershipChange;
import io.bellwether.membership.PeerRegistry;
import io.bellwether.membership.PeerStatus;
import io.bellwether.testsupport.MutableClock;
import io.bellwether.testsupport.Peers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broadcaster's promise: publishing never waits for a client, a client that falls
 * {@code buffer} events behind is disconnected, the others get every event in order.
 */
class ClusterEventStreamTests {

	private static final int BUFFER = 8;

	private final MutableClock clock = new MutableClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ClusterEventStream stream;

	ClusterEventStreamTests() {
		PeerProperties properties = Peers.group(2, 3);
		ClusterCore core = new ClusterCore(properties, this.clock, new ClusterListener() {
		});
		PeerRegistry registry = core.registry();
		ElectionService election = new ElectionService(core);
		this.stream = new ClusterEventStream(new EventsProperties(Duration.ofMinutes(1), BUFFER, 4), registry, election,
				JsonMapper.builder().build(), this.meters);
		this.stream.start();
	}

	@AfterEach
	void stop() {
		this.stream.stop();
	}

	@Test
	void aStuckClientIsDroppedWithoutBlockingThePublisherOrTheOtherClients() throws Exception {
		CountDownLatch unblock = new CountDownLatch(1);
		BlockingSink stuck = new BlockingSink(unblock);
		RecordingSink healthy = new RecordingSink();
		StreamClient slow = this.stream.open(stuck, "stuck").orElseThrow();
		this.stream.open(healthy, "healthy").orElseThrow();
		await().atMost(Duration.ofSeconds(10)).until(() -> stuck.writing.getCount() == 0 && healthy.events.size() == 1);

		// the stuck client's writer is blocked in its first write (the snapshot); the
		// publisher goes on while the healthy client keeps up, the stuck client's queue
		// fills, and one more event drops it
		for (int i = 0; i <= BUFFER; i++) {
			assertThat(slow.isOpen()).isTrue();
			this.stream.onMembershipChange(change(i));
			int received = i + 2;
			await().atMost(Duration.ofSeconds(10)).until(() -> healthy.events.size() == received);
		}
		assertThat(slow.isOpen()).isFalse();
		assertThat(this.meters.get("bellwether.events.clients.dropped").counter().count()).isEqualTo(1);
		assertThat(healthy.events).first().satisfies((event) -> assertThat(event).startsWith("snapshot "));
		assertThat(healthy.events.subList(1, healthy.events.size()))
			.allSatisfy((event) -> assertThat(event).startsWith("membership "))
			.extracting((event) -> event.replaceAll(".*\"incarnation\":(\\d+).*", "$1"))
			.containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8");

		// once its write returns the stuck client's stream is ended, and its thread too
		unblock.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> !slow.thread().isAlive());
		assertThat(stuck.completed).isTrue();
		assertThat(this.stream.clientCount()).isEqualTo(1);
		assertThat(this.meters.get("bellwether.events.clients").gauge().value()).isEqualTo(1);
	}

	@Test
	void refusesClientsBeyondTheLimitAndEndsEveryStreamOnStop() {
		List<StreamClient> clients = List.of(this.stream.open(new RecordingSink(), "a").orElseThrow(),
				this.stream.open(new RecordingSink(), "b").orElseThrow(),
				this.stream.open(new RecordingSink(), "c").orElseThrow(),
				this.stream.open(new RecordingSink(), "d").orElseThrow());
		assertThat(this.stream.open(new RecordingSink(), "e")).isEmpty();
		this.stream.stop();
		assertThat(clients).allSatisfy((client) -> assertThat(client.thread().isAlive()).isFalse());
		assertThat(this.stream.open(new RecordingSink(), "f")).as("no new streams while stopping").isEmpty();
	}

	@Test
	void aNewClientsSnapshotCarriesTheRecentChanges() {
		this.stream
			.onMembershipChange(new MembershipChange(1, PeerStatus.DEAD, FailureCause.TIMEOUT, 7, Instant.now()));
		RecordingSink sink = new RecordingSink();
		this.stream.open(sink, "late").orElseThrow();
		await().atMost(Duration.ofSeconds(10)).until(() -> !sink.events.isEmpty());
		assertThat(sink.events.get(0)).startsWith("snapshot ")
			.contains("\"selfId\":2",
					"\"recent\":[{\"event\":\"membership\",\"data\":{\"peerId\":1,\"status\":\"DEAD\","
							+ "\"cause\":\"TIMEOUT\",\"incarnation\":7,");
	}

	private static MembershipChange change(int number) {
		return new MembershipChange(3, (number % 2 == 0) ? PeerStatus.DEAD : PeerStatus.ALIVE,
				(number % 2 == 0) ? FailureCause.TIMEOUT : null, number, Instant.now());
	}

	private static final class RecordingSink implements StreamClient.Sink {

		private final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void send(String event, String data) {
			this.events.add(event + " " + data);
		}

		@Override
		public void complete() {
		}

	}

	/** A client whose network is stuck: every write blocks until released. */
	private static final class BlockingSink implements StreamClient.Sink {

		private final CountDownLatch unblock;

		private final CountDownLatch writing = new CountDownLatch(1);

		private volatile boolean completed;

		BlockingSink(CountDownLatch unblock) {
			this.unblock = unblock;
		}

		@Override
		public void send(String event, String data) throws IOException {
			this.writing.countDown();
			try {
				if (!this.unblock.await(30, TimeUnit.SECONDS)) {
					throw new IOException("test client never released");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted");
			}
		}

		@Override
		public void complete() {
			this.completed = true;
		}

	}

}

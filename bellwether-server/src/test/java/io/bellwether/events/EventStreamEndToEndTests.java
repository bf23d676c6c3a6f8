package io.bellwether.events;

import java.time.Duration;
import java.util.stream.StreamSupport;

import io.bellwether.testsupport.ForkedLeaderGroup;
import io.bellwether.testsupport.SseConnection;
import io.bellwether.testsupport.SseConnection.Received;
import io.bellwether.membership.PeerStatus;
import io.bellwether.testsupport.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /events} on a real group: peers 2 and 3 in this JVM, peer 1 (the leader) a
 * process that is killed with SIGKILL while a client reads peer 2's stream.
 */
class EventStreamEndToEndTests {

	private LocalCluster cluster;

	@RegisterExtension
	final ForkedLeaderGroup group = new ForkedLeaderGroup();

	@Test
	void streamsSnapshotThenMembershipAndLeaderChangesWhenThePeerIsKilled() throws Exception {
		this.cluster = this.group.start(3, "bellwether.events.heartbeat=300ms", "bellwether.events.max-clients=2");
		long term = this.cluster.leadership(2).term();

		try (SseConnection stream = SseConnection.open(this.cluster.httpPort(2))) {
			assertThat(stream.response().statusCode()).isEqualTo(200);
			assertThat(stream.response().headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			Received snapshot = stream.await(Duration.ofSeconds(10), (event) -> true);
			assertThat(snapshot.event()).as("the first event").isEqualTo("snapshot");
			assertThat(snapshot.data().get("selfId").asInt()).isEqualTo(2);
			assertThat(snapshot.data().get("leader").get("leaderId").asInt()).isEqualTo(1);
			assertThat(snapshot.data().get("leader").get("term").asLong()).isEqualTo(term);
			assertThat(peers(snapshot.data())).extracting((peer) -> peer.get("status").asString())
				.containsExactly("ALIVE", "ALIVE", "ALIVE");
			Received heartbeat = stream.await(Duration.ofSeconds(10), (event) -> event.is("heartbeat"));
			assertThat(peers(heartbeat.data())).extracting((peer) -> peer.get("id").asInt()).containsExactly(1, 2, 3);

			long killed = System.nanoTime();
			this.group.killLeader();
			Received dead = stream.await(Duration.ofSeconds(10), (event) -> event.is("membership"));
			Received newLeader = stream.await(Duration.ofSeconds(10), (event) -> event.is("leader"));
			System.out.printf("kill -9 of peer 1 -> /events: membership DEAD after %d ms, leader change after %d ms%n",
					(dead.nanoTime() - killed) / 1_000_000, (newLeader.nanoTime() - killed) / 1_000_000);

			assertThat(dead.data().get("peerId").asInt()).isEqualTo(1);
			assertThat(dead.data().get("status").asString()).isEqualTo(PeerStatus.DEAD.name());
			assertThat(dead.data().get("cause").asString()).isEqualTo("CONNECTION_LOST");
			assertThat(dead.data().get("text").asString())
				.isEqualTo("peer 1 DEAD (connection closed, reconnect failed)");
			assertThat(newLeader.data().get("previousLeaderId").asInt()).isEqualTo(1);
			assertThat(newLeader.data().get("leaderId").asInt()).isEqualTo(2);
			assertThat(newLeader.data().get("previousTerm").asLong()).isEqualTo(term);
			assertThat(newLeader.data().get("term").asLong()).isGreaterThan(term);
			assertThat(newLeader.data().get("at").asString()).isNotBlank();

			// a client connecting later gets the changes in its snapshot's timeline
			try (SseConnection late = SseConnection.open(this.cluster.httpPort(2))) {
				JsonNode later = late.await(Duration.ofSeconds(10), (event) -> event.is("snapshot")).data();
				assertThat(later.get("leader").get("leaderId").asInt()).isEqualTo(2);
				assertThat(peers(later)).filteredOn((peer) -> peer.get("id").asInt() == 1)
					.singleElement()
					.satisfies((peer) -> {
						assertThat(peer.get("status").asString()).isEqualTo("DEAD");
						assertThat(peer.get("cause").asString()).isEqualTo("CONNECTION_LOST");
					});
				assertThat(later.get("recent")).extracting((recent) -> recent.get("event").asString())
					.containsSubsequence("membership", "leader");

				// max-clients=2: a third stream is refused, not queued
				var refused = this.cluster.get(2, "/events");
				assertThat(refused.statusCode()).isEqualTo(503);
				assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			}
		}

		// streams end with the peer, and so do their threads
		this.cluster.close();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
				.noneMatch((name) -> name.startsWith("bellwether-")));
	}

	private static Iterable<JsonNode> peers(JsonNode data) {
		return StreamSupport.stream(data.get("peers").spliterator(), false).toList();
	}

}

package io.bellwether;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.bellwether.membership.FailureCause;
import io.bellwether.membership.Member;
import io.bellwether.membership.PeerStatus;
import io.bellwether.protocol.PeerView;
import io.bellwether.testsupport.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Four real peers (one application context each, real sockets on loopback): agreement,
 * failover on a leader's stop, rejoin of the old leader, and a follower's stop.
 */
class ClusterEndToEndTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private LocalCluster cluster;

	@AfterEach
	void stopCluster() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void electsFailsOverRejoinsAndSurvivesFollowerLoss() throws Exception {
		this.cluster = new LocalCluster(4).startAll();

		long firstTerm = awaitAgreement(Set.of(1, 2, 3, 4), 1);
		assertThat(firstTerm).isPositive();
		assertThat(this.cluster.get(3, "/leader").body()).contains("\"leaderId\":1", "\"selfId\":3",
				"\"term\":" + firstTerm);

		this.cluster.stop(1);
		long secondTerm = awaitAgreement(Set.of(2, 3, 4), 2);
		assertThat(secondTerm).isGreaterThan(firstTerm);
		for (int id : Set.of(2, 3, 4)) {
			Member one = this.cluster.membership(id).member(1).orElseThrow();
			assertThat(one.status()).isEqualTo(PeerStatus.DEAD);
			assertThat(one.cause()).isEqualTo(FailureCause.LEAVE);
		}

		this.cluster.start(1);
		long thirdTerm = awaitAgreement(Set.of(1, 2, 3, 4), 1);
		assertThat(thirdTerm).isGreaterThan(secondTerm);
		for (int id : Set.of(1, 2, 3, 4)) {
			assertThat(this.cluster.membership(id).aliveIds()).containsExactly(1, 2, 3, 4);
		}

		this.cluster.stop(4);
		await().atMost(GENEROUS).untilAsserted(() -> {
			for (int id : Set.of(1, 2, 3)) {
				assertThat(this.cluster.membership(id).member(4).orElseThrow().status()).isEqualTo(PeerStatus.DEAD);
			}
		});
		assertThat(this.cluster.leaders()).containsOnly(Map.entry(1, 1), Map.entry(2, 1), Map.entry(3, 1));
		assertThat(this.cluster.terms()).containsValues(thirdTerm).doesNotContainValue(thirdTerm + 1);
		assertThat(this.cluster.get(2, "/peers").body()).contains("{\"id\":4,", "\"status\":\"DEAD\"");

		this.cluster.close();
		await().atMost(GENEROUS)
			.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
				.as("no heartbeat or election thread outlives its peer")
				.noneMatch((name) -> name.startsWith("bellwether-")));
	}

	@Test
	void majorityModeNamesNoLeaderWithoutQuorum() throws Exception {
		this.cluster = new LocalCluster(3, "bellwether.election.quorum=majority").startAll();
		awaitAgreement(Set.of(1, 2, 3), 1);
		this.cluster.stop(2);
		awaitAgreement(Set.of(1, 3), 1);
		this.cluster.stop(3);
		await().atMost(GENEROUS).until(() -> !this.cluster.leadership(1).hasLeader());
		assertThat(this.cluster.leadership(1).leaderId()).isEqualTo(PeerView.NO_LEADER);
		assertThat(this.cluster.get(1, "/leader").statusCode()).isEqualTo(503);
		assertThat(this.cluster.get(1, "/actuator/health/readiness").statusCode()).isEqualTo(503);
		assertThat(this.cluster.get(1, "/actuator/health").body())
			.contains("\"reason\":\"no quorum: 1 of 3 peers alive");
		assertThat(this.cluster.get(1, "/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(this.cluster.get(1, "/actuator/health").body()).doesNotContain("\"leader\":");
		assertThat(this.cluster.get(1, "/actuator/prometheus").body()).as("no leader is -1, never a peer id")
			.containsPattern("(?m)^bellwether_leader_id -1(\\.0)?$");
		this.cluster.start(3);
		awaitAgreement(Set.of(1, 3), 1);
		assertThat(this.cluster.get(1, "/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(this.cluster.get(1, "/actuator/health").body()).contains("\"cluster\"", "\"leader\":1");
	}

	/**
	 * Waits until every listed peer follows {@code leader} with one common term; returns
	 * it.
	 */
	private long awaitAgreement(Set<Integer> peers, int leader) {
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			for (int id : peers) {
				assertThat(this.cluster.leadership(id).leaderId()).as("leader seen by peer %d", id).isEqualTo(leader);
			}
			assertThat(peers.stream().map((id) -> this.cluster.leadership(id).term()).distinct())
				.as("one term on all peers")
				.hasSize(1);
		});
		return this.cluster.leadership(peers.iterator().next()).term();
	}

}

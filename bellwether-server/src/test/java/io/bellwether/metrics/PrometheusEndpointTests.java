package io.bellwether.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import io.bellwether.testsupport.ForkedLeaderGroup;
import io.bellwether.testsupport.RequiredTool;
import io.bellwether.testsupport.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/prometheus} on a real group (peers 2 and 3 in this JVM, leader 1 a
 * process): the exposition passes {@code promtool check metrics}, and the values move
 * when the leader is killed with SIGKILL.
 */
class PrometheusEndpointTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private LocalCluster cluster;

	@RegisterExtension
	final ForkedLeaderGroup group = new ForkedLeaderGroup();

	@Test
	void exposesValidMetricsThatFollowAKilledLeader() throws Exception {
		Path promtool = RequiredTool.at("/usr/bin/promtool", "prometheus");
		this.cluster = this.group.start(3);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> scrape(2).value("bellwether_heartbeat_interarrival_seconds_count", "peer", "1")
				.orElse(0.0) >= 2);

		PrometheusExposition before = scrape(2);
		PrometheusExposition.Check all = PrometheusExposition.check(promtool, before.text());
		assertThat(all.exitCode()).as("promtool parses the whole exposition: %s", all.output()).isIn(0, 3);
		assertThat(all.problems()).as("lint problems of bellwether metrics")
			.noneMatch((problem) -> problem.startsWith("bellwether"));
		PrometheusExposition.Check ours = PrometheusExposition.check(promtool, before.families("bellwether_"));
		assertThat(ours.exitCode()).as("promtool finds no problem in bellwether_*: %s", ours.output()).isZero();

		assertThat(before.require("bellwether_is_leader")).isZero();
		assertThat(before.require("bellwether_leader_id")).isEqualTo(1);
		double term = before.require("bellwether_leader_term");
		assertThat(term).isPositive();
		double changes = before.require("bellwether_leader_changes_total");
		assertThat(before.require("bellwether_peers", "status", "alive")).isEqualTo(3);
		assertThat(before.require("bellwether_peers", "status", "dead")).isZero();
		assertThat(before.require("bellwether_peer_alive", "peer", "1")).isEqualTo(1);
		assertThat(before.require("bellwether_peer_last_seen_age_seconds", "peer", "1")).isBetween(0.0, 2.0);
		assertThat(before.require("bellwether_failures_total", "cause", "connection-lost", "peer", "1")).isZero();
		assertThat(before.require("bellwether_heartbeats_sent_total", "peer", "1")).isPositive();
		assertThat(before.require("bellwether_heartbeats_received_total", "outcome", "accepted", "peer", "1"))
			.isPositive();
		assertThat(before.require("bellwether_heartbeat_interarrival_seconds_bucket", "peer", "1", "le", "+Inf"))
			.isPositive();
		assertThat(before.samples()).as("one series per configured peer, not per connection")
			.filteredOn((sample) -> sample.name().equals("bellwether_peer_alive"))
			.extracting((sample) -> sample.labels().get("peer"))
			.containsExactlyInAnyOrder("1", "3");

		long killed = System.nanoTime();
		this.group.killLeader();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
			PrometheusExposition after = scrape(2);
			assertThat(after.require("bellwether_peer_alive", "peer", "1")).isZero();
			assertThat(after.require("bellwether_leader_id")).isEqualTo(2);
		});
		System.out.printf(
				"kill -9 of peer 1 -> /actuator/prometheus on peer 2 shows it DEAD and leader 2 after %d ms%n",
				(System.nanoTime() - killed) / 1_000_000);

		PrometheusExposition after = scrape(2);
		assertThat(after.require("bellwether_is_leader")).isEqualTo(1);
		assertThat(after.require("bellwether_leader_term")).isGreaterThan(term);
		assertThat(after.require("bellwether_leader_changes_total")).isEqualTo(changes + 1);
		assertThat(after.require("bellwether_peers", "status", "alive")).isEqualTo(2);
		assertThat(after.require("bellwether_peers", "status", "dead")).isEqualTo(1);
		assertThat(after.require("bellwether_failures_total", "cause", "connection-lost", "peer", "1")).isEqualTo(1);
		assertThat(after.require("bellwether_failures_total", "cause", "timeout", "peer", "1")).isZero();
		assertThat(after.require("bellwether_failures_total", "cause", "connection-lost", "peer", "3")).isZero();
		assertThat(this.group.leaderAlive()).isFalse();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(scrape(2).require("bellwether_peer_last_seen_age_seconds", "peer", "1"))
				.isGreaterThan(after.require("bellwether_peer_last_seen_age_seconds", "peer", "1")));
		assertThat(PrometheusExposition.check(promtool, after.families("bellwether_")).exitCode()).isZero();
	}

	private PrometheusExposition scrape(int peer) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.cluster.httpPort(peer) + "/actuator/prometheus"))
			.header("Accept", "text/plain")
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
		return new PrometheusExposition(response.body());
	}

}

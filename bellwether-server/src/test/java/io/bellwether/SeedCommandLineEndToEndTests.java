package io.bellwether;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.bellwether.membership.PeerStatus;
import io.bellwether.testsupport.PeerCommand;
import io.bellwether.testsupport.PeerProcesses;
import io.bellwether.testsupport.LocalCluster;
import io.bellwether.testsupport.SseConnection;
import io.bellwether.testsupport.SseConnection.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's own command lines, numbered as the seed numbers them
 * ({@code 0 127.0.0.1 p0 1 127.0.0.1 p1 2 127.0.0.1 p2}, this peer's triple first): the
 * lowest id, a process started with those positional words, leads on every surface;
 * killed with SIGKILL, the next lowest leads everywhere. The other peers run in this JVM,
 * their positional words parsed by the same {@code SeedCommandLine}.
 */
class SeedCommandLineEndToEndTests {

	private static final Duration GENEROUS = Duration.ofSeconds(60);

	private static final Pattern LEADER_ID_METRIC = Pattern.compile("(?m)^bellwether_leader_id (\\S+)$");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private LocalCluster cluster;

	private PeerProcesses lowest;

	@AfterEach
	void stop() {
		if (this.lowest != null) {
			this.lowest.close();
		}
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	static Stream<Arguments> seedGroups() {
		return Stream.of(Arguments.of("three peers 0..2", List.of(0, 1, 2)),
				Arguments.of("three peers 1..3", List.of(1, 2, 3)),
				Arguments.of("four peers 0..3", List.of(0, 1, 2, 3)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("seedGroups")
	void lowestIdLeadsAndTheNextLowestTakesOverWhenItIsKilled(String name, List<Integer> ids) throws Exception {
		this.cluster = LocalCluster.ofIds(ids).seedCommandLine();
		int first = ids.get(0);
		int second = ids.get(1);
		List<Integer> others = ids.subList(1, ids.size());
		others.forEach(this.cluster::start);
		this.lowest = new PeerProcesses(PeerCommand.joining(this.cluster).withSeedStyle(),
				Path.of("target", "forked-peers"));
		this.lowest.start(first);

		awaitAgreement(others, first);
		await().atMost(GENEROUS)
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(json(this.lowest.httpPort(first), "/leader").get("leaderId").asInt())
				.as("the process started as '%s' leads", String.join(" ", this.cluster.seedWords(first)))
				.isEqualTo(first));
		assertLeaderOnEverySurface(second, first);

		try (SseConnection stream = SseConnection.open(this.cluster.httpPort(second))) {
			Received snapshot = stream.await(Duration.ofSeconds(10), (event) -> true);
			JsonNode leader = snapshot.data().get("leader").get("leaderId");
			assertThat(leader.isIntegralNumber()).as("snapshot leader %s is a number", leader).isTrue();
			assertThat(leader.asInt()).isEqualTo(first);

			this.lowest.kill(first);
			Received change = stream.await(GENEROUS, (event) -> event.is("leader"));
			assertThat(change.data().get("previousLeaderId").asInt()).isEqualTo(first);
			assertThat(change.data().get("leaderId").asInt()).isEqualTo(second);
			assertThat(change.data().get("text").asString()).startsWith("leader " + first + " -> " + second + " term ");
		}
		awaitAgreement(others, second);
		for (int id : others) {
			assertThat(this.cluster.membership(id).member(first).orElseThrow().status()).isEqualTo(PeerStatus.DEAD);
			assertLeaderOnEverySurface(id, second);
		}
	}

	/** {@code /leader}, {@code /peers}, health and metrics of peer {@code id} agree. */
	private void assertLeaderOnEverySurface(int id, int leader) throws Exception {
		int port = this.cluster.httpPort(id);
		JsonNode body = json(port, "/leader");
		assertThat(body.get("leaderId").asInt()).isEqualTo(leader);
		assertThat(body.get("selfId").asInt()).isEqualTo(id);
		assertThat(body.get("self").asBoolean()).isEqualTo(id == leader);
		JsonNode peers = json(port, "/peers");
		assertThat(peers.values()).extracting((peer) -> peer.get("id").asInt())
			.containsExactlyElementsOf(this.cluster.ids());
		assertThat(peers.values()).filteredOn((peer) -> peer.get("leader").asBoolean())
			.extracting((peer) -> peer.get("id").asInt())
			.containsExactly(leader);
		JsonNode cluster = json(port, "/actuator/health").get("components").get("cluster");
		assertThat(cluster.get("status").asString()).isEqualTo("UP");
		assertThat(cluster.get("details").get("leader").asInt()).isEqualTo(leader);
		Matcher metric = LEADER_ID_METRIC.matcher(get(port, "/actuator/prometheus").body());
		assertThat(metric.find()).as("bellwether_leader_id is exposed").isTrue();
		assertThat(Double.parseDouble(metric.group(1))).isEqualTo(leader);
	}

	private void awaitAgreement(List<Integer> peers, int leader) {
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			for (int id : peers) {
				assertThat(this.cluster.leadership(id).leaderId()).as("leader seen by peer %d", id).isEqualTo(leader);
			}
			assertThat(peers.stream().map((id) -> this.cluster.leadership(id).term()).distinct())
				.as("one term on all peers")
				.hasSize(1);
		});
	}

	private JsonNode json(int port, String path) throws Exception {
		HttpResponse<String> response = get(port, path);
		assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}

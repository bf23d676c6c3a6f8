package io.bellwether.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bellwether.testsupport.KubernetesManifests;
import io.bellwether.testsupport.PeerApi.View;
import io.bellwether.testsupport.PeerCommand;
import io.bellwether.testsupport.PeerProcesses;
import io.bellwether.testsupport.RequiredTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.bellwether.chaos.ChaosSupport.CONVERGE;
import static io.bellwether.chaos.ChaosSupport.START;
import static io.bellwether.chaos.ChaosSupport.assertStableFor;
import static io.bellwether.chaos.ChaosSupport.awaitAgreement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Peers on separate hosts: the three pods of {@code k8s/} (rendered with
 * {@code kubectl kustomize}), each a process in a network namespace of its own with its
 * own address, started with exactly the environment the StatefulSet gives the pod and the
 * image's JVM flags ({@code config/jvm.options}, the image's {@code /app/jvm.options}),
 * finding each other by the pod DNS names of the headless Service
 * ({@code bellwether-<n>.bellwether-hb}, from each host's hosts file). Every link delays
 * packets by 20 ms ± 5 ms and loses 1 % of them. Shows: a name that resolves only 10 s
 * after the peers are up, agreement and the probes, no false DEAD and no leader change
 * over two minutes, {@code kill -9} of the leader (timed over several trials), a frozen
 * leader, and a peer that comes back on a new address. Figures go to standard output and
 * {@code target/multihost/figures.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostIT {

	private static final int PEERS = 3;

	private static final List<Integer> ALL = List.of(1, 2, 3);

	private static final List<Integer> SURVIVORS = List.of(2, 3);

	private static final int KILL_TRIALS = 6;

	private static final Duration SOAK = Duration.ofMinutes(2);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private static final List<String> FIGURES = new ArrayList<>();

	private static KubernetesManifests manifests;

	private static NetworkHosts hosts;

	private static PeerProcesses peers;

	private static Thread cleanup;

	@BeforeAll
	static void hosts() throws IOException {
		ChaosSupport.assumeJar();
		RequiredTool.require(NetworkHosts.available(), "multi-host test: needs root, iproute2, iptables, gcc and "
				+ "libnetfilter-queue-dev (.ci/install-packages.sh)");
		manifests = KubernetesManifests.render("");
		NetworkHosts.removeLeftovers();
		cleanup = new Thread(MultiHostIT::tearDown, "multihost-cleanup");
		Runtime.getRuntime().addShutdownHook(cleanup);
		hosts = new NetworkHosts(PEERS, 20, 5, 1);
		peers = new PeerProcesses(PeerCommand.group(PEERS).withPlacement(new PeerCommand.Placement() {
			@Override
			public List<String> prefix(int id) {
				return hosts.on(id);
			}

			@Override
			public Map<String, String> environment(int id) {
				return manifests.podEnvironment(id - 1);
			}

			@Override
			public URI http(int id) {
				return URI
					.create("http://" + hosts.address(id) + ":" + manifests.podEnvironment(0).get("SERVER_PORT") + "/");
			}
		}), Path.of("target", "chaos", "multihost"));
	}

	@AfterAll
	static void report() throws IOException {
		tearDown();
		if (cleanup != null) {
			Runtime.getRuntime().removeShutdownHook(cleanup);
		}
		if (hosts != null) {
			hosts.delayReports().forEach((line) -> FIGURES.add("netdelay " + line));
		}
		FIGURES.forEach((line) -> System.out.println("multihost: " + line));
		Files.createDirectories(Path.of("target", "multihost"));
		Files.write(Path.of("target", "multihost", "figures.txt"), FIGURES);
	}

	private static synchronized void tearDown() {
		if (peers != null) {
			peers.close();
		}
		if (hosts != null) {
			hosts.close();
		}
	}

	@Test
	@Order(1)
	void aPeerWhoseNameResolvesOnlyLaterJoins() throws Exception {
		for (int ordinal = 0; ordinal < PEERS - 1; ordinal++) {
			hosts.resolve(podName(ordinal), hosts.address(ordinal + 1));
		}
		peers.startAll();
		await().atMost(START).until(() -> ALL.stream().allMatch((id) -> peers.view(id).leaderId() >= 0));
		// peer 3's name does not resolve: nobody can call it, so it hears nobody (the
		// others
		// hear it, it can call them)
		await().atMost(CONVERGE)
			.untilAsserted(() -> assertThat(peers.statuses(1)).containsEntry(3, "ALIVE").containsEntry(2, "ALIVE"));
		assertThat(peers.statuses(3)).containsEntry(1, "DEAD").containsEntry(2, "DEAD");
		ChaosSupport.faultLasts(Duration.ofSeconds(10));
		assertThat(peers.statuses(3)).containsEntry(1, "DEAD").containsEntry(2, "DEAD");
		assertThat(Files.readString(peers.log(1))).contains("peer 3: host " + podName(2) + " does not resolve (yet)");

		long resolvedAt = System.nanoTime();
		hosts.resolve(podName(2), hosts.address(3));
		awaitAgreement(peers, ALL, 1, CONVERGE);
		FIGURES.add(String.format("name of peer 3 resolvable -> all three agree: %d ms",
				(System.nanoTime() - resolvedAt) / 1_000_000));
		assertThat(Files.readString(peers.log(1)))
			.contains("peer 3: host " + podName(2) + " resolves to " + hosts.address(3));
	}

	@Test
	@Order(2)
	void agreeAndAnswerTheProbes() throws Exception {
		awaitAgreement(peers, ALL, 1, CONVERGE);
		for (int id : ALL) {
			var container = manifests.peerContainer();
			for (var probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
					container.getReadinessProbe())) {
				await().atMost(CONVERGE)
					.untilAsserted(() -> assertThat(get(id, probe.getHttpGet().getPath()).statusCode())
						.as("peer %d %s", id, probe.getHttpGet().getPath())
						.isEqualTo(200));
			}
			assertThat(peers.statuses(id)).containsOnly(Map.entry(1, "ALIVE"), Map.entry(2, "ALIVE"),
					Map.entry(3, "ALIVE"));
		}
	}

	@Test
	@Order(3)
	void noFalseDeadAndNoLeaderChangeOverTwoMinutesOfDelayAndLoss() throws Exception {
		awaitAgreement(peers, ALL, 1, CONVERGE);
		Map<Integer, Map<String, Double>> before = scrapeAll();
		long started = System.nanoTime();
		assertStableFor(peers, ALL, SOAK);
		Map<Integer, Map<String, Double>> after = scrapeAll();
		double failures = 0;
		double changes = 0;
		double worstGap = 0;
		for (int id : ALL) {
			failures += sum(after.get(id), "bellwether_failures_total")
					- sum(before.get(id), "bellwether_failures_total");
			changes += sum(after.get(id), "bellwether_leader_changes_total")
					- sum(before.get(id), "bellwether_leader_changes_total");
			worstGap = Math.max(worstGap, max(after.get(id), "bellwether_heartbeat_interarrival_seconds_max"));
		}
		FIGURES.add(String.format(
				"soak %d s with 20 ms +- 5 ms and 1 %% loss per link: %.0f peers declared DEAD, "
						+ "%.0f leader changes, longest gap between heartbeats (last 2 min) %.0f ms",
				(System.nanoTime() - started) / 1_000_000_000, failures, changes, worstGap * 1000));
		assertThat(failures).as("false DEAD marks").isZero();
		assertThat(changes).as("leader changes").isZero();
	}

	@Test
	@Order(4)
	void killedLeaderIsReplacedOnAllSurvivors() throws Exception {
		List<Long> failovers = new ArrayList<>();
		for (int trial = 0; trial < KILL_TRIALS; trial++) {
			long term = awaitAgreement(peers, ALL, 1, START);
			Instant killed = Instant.now();
			peers.kill(1);
			assertThat(awaitAgreement(peers, SURVIVORS, 2, CONVERGE)).isGreaterThan(term);
			failovers.add(switchedAfter(killed, SURVIVORS));
			peers.start(1);
		}
		awaitAgreement(peers, ALL, 1, START);
		FIGURES.add("kill -9 of the leader -> both survivors follow peer 2 (their own 'since'), " + KILL_TRIALS
				+ " trials: " + describe(failovers));
	}

	@Test
	@Order(5)
	void frozenLeaderIsReplacedWithinTheTimeout() throws Exception {
		long term = awaitAgreement(peers, ALL, 1, START);
		Instant frozen = Instant.now();
		peers.freeze(1);
		try {
			assertThat(awaitAgreement(peers, SURVIVORS, 2, CONVERGE)).isGreaterThan(term);
			FIGURES.add(String.format("SIGSTOP of the leader -> both survivors follow peer 2: %d ms (timeout 2000 ms)",
					switchedAfter(frozen, SURVIVORS)));
		}
		finally {
			peers.resume(1);
		}
		awaitAgreement(peers, ALL, 1, CONVERGE);
	}

	@Test
	@Order(6)
	void aPeerThatComesBackOnANewAddressIsFoundThere() throws Exception {
		awaitAgreement(peers, ALL, 1, START);
		String old = hosts.address(3);
		String moved = "10.213.0.13";
		// like a node that vanishes: the old address goes away under the frozen peer, so
		// its
		// connections go silent rather than being reset
		peers.freeze(3);
		hosts.readdress(3, moved);
		peers.kill(3);
		await().atMost(CONVERGE).untilAsserted(() -> assertThat(peers.statuses(1)).containsEntry(3, "DEAD"));
		hosts.resolve(podName(2), moved);
		long restarted = System.nanoTime();
		peers.start(3);
		awaitAgreement(peers, ALL, 1, START);
		// peer 3 hears 1 and 2 only over their connections to its new address
		await().atMost(CONVERGE)
			.untilAsserted(() -> assertThat(peers.statuses(3)).containsEntry(1, "ALIVE").containsEntry(2, "ALIVE"));
		FIGURES.add(String.format("peer 3 restarted on %s (was %s) -> all agree, peer 3 hears both: %d ms", moved, old,
				(System.nanoTime() - restarted) / 1_000_000));
		assertThat(Files.readString(peers.log(1)))
			.contains("peer 3: host " + podName(2) + " resolves to " + moved + " (was " + old + ")");
	}

	private static String podName(int ordinal) {
		return "bellwether-" + ordinal + ".bellwether-hb";
	}

	/**
	 * When the last of {@code ids} switched to its current leader, after {@code since}.
	 */
	private static long switchedAfter(Instant since, List<Integer> ids) {
		Instant last = since;
		for (int id : ids) {
			View view = peers.view(id);
			Instant switched = Instant.parse(view.detail());
			last = switched.isAfter(last) ? switched : last;
		}
		return Duration.between(since, last).toMillis();
	}

	private static String describe(List<Long> millis) {
		List<Long> sorted = millis.stream().sorted().toList();
		long p95 = sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
		return String.format("min %d ms, median %d ms, p95 %d ms, max %d ms (all: %s)", sorted.get(0),
				sorted.get(sorted.size() / 2), p95, sorted.get(sorted.size() - 1), millis);
	}

	private static HttpResponse<String> get(int id, String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(peers.http(id).resolve(path)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static Map<Integer, Map<String, Double>> scrapeAll() throws IOException, InterruptedException {
		Map<Integer, Map<String, Double>> all = new LinkedHashMap<>();
		for (int id : ALL) {
			HttpResponse<String> response = get(id, "/actuator/prometheus");
			assertThat(response.statusCode()).isEqualTo(200);
			Map<String, Double> samples = new LinkedHashMap<>();
			Matcher sample = Pattern.compile("(?m)^(bellwether_[a-z_]+(?:\\{[^}]*\\})?) (\\S+)$")
				.matcher(response.body());
			while (sample.find()) {
				samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
			}
			all.put(id, samples);
		}
		return all;
	}

	private static double sum(Map<String, Double> samples, String family) {
		return samples.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equals(family) || entry.getKey().startsWith(family + "{"))
			.mapToDouble(Map.Entry::getValue)
			.sum();
	}

	private static double max(Map<String, Double> samples, String family) {
		return samples.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equals(family) || entry.getKey().startsWith(family + "{"))
			.mapToDouble(Map.Entry::getValue)
			.max()
			.orElse(0);
	}

}

package io.bellwether.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bellwether.testsupport.LocalCluster;
import io.bellwether.testsupport.RequiredTool;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerting rules of {@code k8s/monitoring}: {@code promtool check rules} and
 * {@code promtool test rules} (each rule fires once and stays silent once), the
 * PrometheusRule is the same rules, and every series and label the rules and their tests
 * use is one a running peer really exports.
 */
class AlertRulesTests {

	private static final Path MONITORING = Path.of("..", "k8s", "monitoring");

	/** Labels Prometheus adds when it scrapes (and Kubernetes relabelling). */
	private static final Set<String> SCRAPE_LABELS = Set.of("job", "instance", "namespace");

	private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)\\}$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

	@Test
	void rulesPassPromtoolAndTheirUnitTests() throws Exception {
		Path promtool = RequiredTool.at("/usr/bin/promtool", "prometheus");
		String check = promtool(promtool, "check", "rules", "bellwether-rules.yml");
		assertThat(check).contains("SUCCESS: 5 rules found");
		String test = promtool(promtool, "test", "rules", "bellwether-rules.test.yml");
		assertThat(test).contains("SUCCESS");
	}

	@Test
	void everyRuleIsTestedFiringAndSilent() throws IOException {
		List<String> alerts = rules().stream().map((rule) -> (String) rule.get("alert")).toList();
		assertThat(alerts).containsExactlyInAnyOrder("BellwetherNoLeader", "BellwetherSeveralLeaders",
				"BellwetherPeerDown", "BellwetherPeerFlapping", "BellwetherHeartbeatsLate");
		Set<String> fired = new HashSet<>();
		Set<String> silent = new HashSet<>();
		for (Map<String, Object> test : tests()) {
			for (Map<String, Object> expectation : list(test.get("alert_rule_test"))) {
				String alert = (String) expectation.get("alertname");
				(list(expectation.get("exp_alerts")).isEmpty() ? silent : fired).add(alert);
			}
		}
		assertThat(fired).as("rules with a test in which they fire").containsExactlyInAnyOrderElementsOf(alerts);
		assertThat(silent).as("rules with a test in which they stay silent")
			.containsExactlyInAnyOrderElementsOf(alerts);
	}

	@Test
	@SuppressWarnings("unchecked")
	void prometheusRuleHoldsTheSameRules() throws IOException {
		Map<String, Object> file = yaml(MONITORING.resolve("bellwether-rules.yml"));
		Map<String, Object> resource = yaml(MONITORING.resolve("prometheus-rule.yaml"));
		assertThat(resource).containsEntry("apiVersion", "monitoring.coreos.com/v1")
			.containsEntry("kind", "PrometheusRule");
		assertThat(((Map<String, Object>) resource.get("spec")).get("groups")).isEqualTo(file.get("groups"));
	}

	@Test
	void rulesAndTestsUseSeriesThePeersExport() throws Exception {
		try (LocalCluster cluster = new LocalCluster(3).startAll()) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> cluster.leaders().values().stream().allMatch((leader) -> leader == 1));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> exposition(cluster).value("bellwether_heartbeat_interarrival_seconds_count", "peer", "3")
					.orElse(0.0) >= 2);
			PrometheusExposition exposition = exposition(cluster);
			Set<String> exported = new HashSet<>();
			exposition.samples().forEach((sample) -> exported.add(sample.name()));

			for (Map<String, Object> rule : rules()) {
				String expr = (String) rule.get("expr");
				Matcher metric = Pattern.compile("bellwether_[a-z_]+").matcher(expr);
				Set<String> labels = new HashSet<>();
				while (metric.find()) {
					assertThat(exported).as("%s: metric %s", rule.get("alert"), metric.group())
						.contains(metric.group());
					exposition.samples()
						.stream()
						.filter((sample) -> sample.name().equals(metric.group()))
						.forEach((sample) -> labels.addAll(sample.labels().keySet()));
				}
				Matcher by = Pattern.compile("by \\(([^)]*)\\)").matcher(expr);
				while (by.find()) {
					for (String label : by.group(1).split(",\\s*")) {
						if (!SCRAPE_LABELS.contains(label.strip())) {
							assertThat(labels).as("%s: label %s", rule.get("alert"), label).contains(label.strip());
						}
					}
				}
			}

			for (Map<String, Object> test : tests()) {
				for (Map<String, Object> input : list(test.get("input_series"))) {
					Matcher series = SERIES.matcher((String) input.get("series"));
					assertThat(series.matches()).isTrue();
					Map<String, String> labels = new LinkedHashMap<>();
					Matcher label = LABEL.matcher(series.group(2));
					while (label.find()) {
						if (!SCRAPE_LABELS.contains(label.group(1))) {
							labels.put(label.group(1), label.group(2));
						}
					}
					assertThat(exposition.samples()).as("test '%s': %s", test.get("name"), input.get("series"))
						.anyMatch((sample) -> sample.name().equals(series.group(1))
								&& sample.labels().entrySet().containsAll(labels.entrySet())
								&& sample.labels().keySet().equals(labels.keySet()));
				}
			}
		}
	}

	private static PrometheusExposition exposition(LocalCluster cluster) throws Exception {
		return new PrometheusExposition(cluster.get(1, "/actuator/prometheus").body());
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rules() throws IOException {
		List<Map<String, Object>> groups = list(yaml(MONITORING.resolve("bellwether-rules.yml")).get("groups"));
		return groups.stream().flatMap((group) -> list(group.get("rules")).stream()).toList();
	}

	private static List<Map<String, Object>> tests() throws IOException {
		return list(yaml(MONITORING.resolve("bellwether-rules.test.yml")).get("tests"));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> yaml(Path file) throws IOException {
		return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
	}

	private static String promtool(Path promtool, String... args) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(MONITORING.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("promtool %s: %s", String.join(" ", args), output).isZero();
		return output;
	}

}

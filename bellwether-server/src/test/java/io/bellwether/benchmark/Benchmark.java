package io.bellwether.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the selected scenarios on one JVM configuration and writes
 * {@code target/benchmark/results-<time>.json} plus a table on stdout. Settings are
 * system properties: {@code benchmark.scenarios} (comma-separated, default all),
 * {@code benchmark.trials} (5), {@code benchmark.jvm} (flags; one or more of plain,
 * flags, cds, aot25, comma-separated: each runs every scenario and writes its own file),
 * {@code benchmark.trials.<scenario>} (overrides the trials of one scenario),
 * {@code benchmark.peers} (4), {@code benchmark.args} (extra peer arguments, separated by
 * spaces).
 */
public final class Benchmark {

	/** Every scenario, in the order they run. */
	static final Map<String, Supplier<Scenario>> SCENARIOS = scenarios();

	private static final Path DIR = Path.of("target", "benchmark");

	private Benchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<String> selected = Arrays.stream(System.getProperty("benchmark.scenarios", "").split(","))
			.map(String::strip)
			.filter((name) -> !name.isEmpty())
			.toList();
		for (String jvm : System.getProperty("benchmark.jvm", "flags").split(",")) {
			run(selected.isEmpty() ? List.copyOf(SCENARIOS.keySet()) : selected,
					Integer.getInteger("benchmark.trials", 5), JvmConfig.named(jvm),
					Integer.getInteger("benchmark.peers", 4));
		}
	}

	static Path run(List<String> names, int trials, JvmConfig jvm, int peers) throws Exception {
		names.stream().filter((name) -> !SCENARIOS.containsKey(name)).findFirst().ifPresent((name) -> {
			throw new IllegalArgumentException("unknown scenario '" + name + "' (one of " + SCENARIOS.keySet() + ")");
		});
		String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
		Path dir = DIR.resolve(stamp + "-" + jvm.label());
		List<String> peerArgs = Arrays.stream(System.getProperty("benchmark.args", "").split("\\s+"))
			.filter((arg) -> !arg.isEmpty())
			.toList();
		Bench bench = new Bench(jvm.prepare(dir.resolve("jvm")), peers, dir, peerArgs);
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("started", Instant.now().toString());
		run.put("jvm", jvm.label());
		run.put("trials", trials);
		run.put("peers", peers);
		run.put("peerArgs", peerArgs);
		run.put("loadBefore", load());
		List<Figures> results = new ArrayList<>();
		for (String name : names) {
			Figures figures = new Figures(name);
			results.add(figures);
			int own = Integer.getInteger("benchmark.trials." + name, trials);
			System.out
				.println("benchmark: " + name + " (" + own + " trials, " + jvm.label() + ", load " + load() + ")");
			try {
				SCENARIOS.get(name).get().run(bench, own, figures);
			}
			catch (Exception | AssertionError ex) {
				figures.note("aborted: " + ex);
				figures.trialDone(false);
			}
		}
		run.put("loadAfter", load());
		run.put("ended", Instant.now().toString());
		Path file = DIR.resolve("results-" + stamp + "-" + jvm.label() + ".json");
		ResultWriter.write(file, ResultWriter.json(run, results));
		System.out.println();
		System.out.print(ResultWriter.table(jvm.label(), results));
		System.out.println("load " + run.get("loadBefore") + " -> " + run.get("loadAfter") + "; results: "
				+ file.toAbsolutePath() + "; peer logs: " + dir.toAbsolutePath());
		return file;
	}

	private static Map<String, Supplier<Scenario>> scenarios() {
		Map<String, Supplier<Scenario>> scenarios = new LinkedHashMap<>();
		scenarios.put("ready", ReadyScenario::new);
		scenarios.put("launch", LaunchScenario::new);
		scenarios.put("memory", MemoryScenario::new);
		scenarios.put("kill-leader", LeaderFaultScenario::kill);
		scenarios.put("freeze-leader", LeaderFaultScenario::freeze);
		scenarios.put("kill-follower", KillFollowerScenario::new);
		scenarios.put("rejoin", RejoinScenario::new);
		scenarios.put("split-none", SplitScenario::none);
		scenarios.put("split-majority", SplitScenario::majority);
		scenarios.put("flap", FreezeCycleScenario::flap);
		scenarios.put("flaky", FreezeCycleScenario::flaky);
		return scenarios;
	}

	/** The load averages, as {@code uptime} shows them. */
	static String load() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (java.io.IOException ex) {
			return "unknown";
		}
	}

}

package io.bellwether.benchmark;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import io.bellwether.testsupport.PeerProcesses;

/**
 * {@code memory}: footprint of every peer at rest, {@code benchmark.rest} (25 s) after
 * agreement: resident set size and, when readable, proportional set size (shared pages
 * split between the processes sharing them) from {@code /proc}; CPU used over the next
 * {@code benchmark.cpu-window} (20 s), in percent of one core.
 */
final class MemoryScenario implements Scenario {

	private static final Duration REST = Duration.ofSeconds(Long.getLong("benchmark.rest", 25));

	private static final Duration CPU_WINDOW = Duration.ofSeconds(Long.getLong("benchmark.cpu-window", 20));

	@Override
	public String name() {
		return "memory";
	}

	@Override
	public void run(Bench bench, int trials, Figures figures) throws Exception {
		for (int trial = 1; trial <= trials; trial++) {
			try (PeerProcesses peers = bench.agreedGroup("memory-" + trial)) {
				Bench.pause(REST);
				Map<Integer, Long> ticks = new LinkedHashMap<>();
				for (int id : bench.ids()) {
					long pid = peers.pid(id);
					ProcStats.rssKb(pid).ifPresent((kb) -> figures.add("RSS MB at rest", kb / 1024.0));
					ProcStats.pssKb(pid).ifPresent((kb) -> figures.add("Pss MB at rest", kb / 1024.0));
					ticks.put(id, ProcStats.cpuTicks(pid).orElse(-1));
				}
				long from = System.nanoTime();
				Bench.pause(CPU_WINDOW);
				long elapsed = System.nanoTime() - from;
				for (int id : bench.ids()) {
					OptionalLong after = ProcStats.cpuTicks(peers.pid(id));
					if (after.isPresent() && ticks.get(id) >= 0) {
						figures.add("CPU % of one core at rest",
								ProcStats.percentOfOneCore(ticks.get(id), after.getAsLong(), elapsed));
					}
				}
				figures.trialDone(true);
			}
		}
	}

}

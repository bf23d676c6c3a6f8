package io.bellwether.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import io.bellwether.testsupport.PeerApi.LeaderEvent;
import io.bellwether.testsupport.PeerApi.MembershipEvent;
import io.bellwether.testsupport.PeerProcesses;

/**
 * {@code flap} (leader frozen 1 s every 10 s for {@code benchmark.flap-minutes}, 10: a
 * pause shorter than the timeout, 0 changes wanted) and {@code flaky} (frozen for the
 * timeout + 1 s, then up for 1.5 s, over and over for 60 s: what the rejoin hold is for).
 * One trial is the whole run; figures: leader changes and DEAD suspicions, by the peers'
 * own records (read after every cycle, so none falls out of their history).
 */
final class FreezeCycleScenario implements Scenario {

	private final String name;

	private final Duration frozen;

	private final Duration running;

	private final Duration total;

	private FreezeCycleScenario(String name, Duration frozen, Duration running, Duration total) {
		this.name = name;
		this.frozen = frozen;
		this.running = running;
		this.total = total;
	}

	static FreezeCycleScenario flap() {
		return new FreezeCycleScenario("flap", Duration.ofSeconds(1), Duration.ofSeconds(9),
				Duration.ofMinutes(Long.getLong("benchmark.flap-minutes", 10)));
	}

	static FreezeCycleScenario flaky() {
		return new FreezeCycleScenario("flaky", Bench.TIMEOUT.plusSeconds(1), Duration.ofMillis(1500),
				Duration.ofSeconds(Long.getLong("benchmark.flaky-seconds", 60)));
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void run(Bench bench, int trials, Figures figures) throws Exception {
		try (PeerProcesses peers = bench.agreedGroup(this.name)) {
			Bench.pause(Bench.SETTLE);
			Instant start = Instant.now();
			Set<LeaderEvent> changes = new LinkedHashSet<>();
			Set<MembershipEvent> dead = new LinkedHashSet<>();
			int cycles = 0;
			while (Duration.between(start, Instant.now()).compareTo(this.total) < 0) {
				peers.freeze(1);
				Bench.pause(this.frozen);
				peers.resume(1);
				Bench.pause(this.running);
				cycles++;
				changes.addAll(Bench.leaderChanges(peers, bench.ids(), start));
				Bench.membershipChanges(peers, bench.ids(), start)
					.stream()
					.filter((event) -> "DEAD".equals(event.status()))
					.forEach(dead::add);
			}
			figures.count("cycles", cycles);
			figures.count("leader changes", changes.size());
			figures.count("DEAD suspicions", dead.size());
			figures.trialDone(true);
		}
	}

}

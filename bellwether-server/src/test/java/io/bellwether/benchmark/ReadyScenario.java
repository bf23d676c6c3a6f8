package io.bellwether.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;

import io.bellwether.testsupport.PeerApi.View;
import io.bellwether.testsupport.PeerProcesses;

import static org.awaitility.Awaitility.await;

/**
 * {@code ready}: one peer alone (its group's other peer never starts). The figure is the
 * peer's own: {@code SpringApplication.run} to {@code ApplicationReadyEvent}, when its
 * heartbeat port is open and {@code /leader} answers ({@link ReadyTime}). Cross-check:
 * launch to the first answer of {@code /leader}, polled every 50 ms.
 */
final class ReadyScenario implements Scenario {

	@Override
	public String name() {
		return "ready";
	}

	@Override
	public void run(Bench bench, int trials, Figures figures) throws Exception {
		for (int trial = 1; trial <= trials; trial++) {
			try (PeerProcesses peer = bench.group("ready-" + trial, 2)) {
				Instant launched = Instant.now();
				peer.start(1);
				AtomicReference<Instant> answered = new AtomicReference<>();
				await().atMost(Bench.START).pollInterval(Duration.ofMillis(50)).until(() -> {
					if (answered.get() == null && peer.view(1).leaderId() != View.NO_ANSWER) {
						answered.set(Instant.now());
					}
					return answered.get() != null;
				});
				await().atMost(Bench.START)
					.pollInterval(Duration.ofMillis(50))
					.until(() -> ReadyTime.millis(peer, 1).isPresent());
				OptionalDouble ready = ReadyTime.millis(peer, 1);
				figures.add("ready ms (run() -> ApplicationReady, peer's own application.ready.time)",
						ready.orElseThrow());
				figures.add("first /leader answer ms (from launch, polled)", Bench.millis(launched, answered.get()));
				figures.trialDone(true);
			}
		}
	}

}

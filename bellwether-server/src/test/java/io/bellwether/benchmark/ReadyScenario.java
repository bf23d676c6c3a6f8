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
 * peer's own: JVM start to {@code ApplicationReadyEvent}, when its heartbeat port is open
 * and {@code /leader} answers ({@link StartupLog}). Cross-check: launch to the first
 * answer of {@code /leader}, polled every 50 ms.
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
					.until(() -> StartupLog.readyMillis(peer.log(1)).isPresent());
				OptionalDouble ready = StartupLog.readyMillis(peer.log(1));
				figures.add("ready ms (JVM start -> ApplicationReady, peer's own)", ready.getAsDouble());
				figures.add("first /leader answer ms (from launch, polled)", Bench.millis(launched, answered.get()));
				figures.trialDone(true);
			}
		}
	}

}

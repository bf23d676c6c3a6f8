package io.bellwether.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.bellwether.simulation.Simulation.Result;
import io.bellwether.simulation.Simulation.Violation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.fail;

/**
 * Deterministic simulation of the whole group: {@code sim.seeds} seeded scenarios (10,000
 * by default, e.g. {@code -Dsim.seeds=1000000} for a long fuzzing run, from
 * {@code sim.first}), each replayable on its own with {@code -Dsim.seed=<seed>} (which
 * also prints the trace of the run).
 */
class SimulationTests {

	private static final String REPLAY = "./mvnw -B test -Dtest=SimulationTests -Dsurefire.failIfNoSpecifiedTests=false "
			+ "-Dfuzz.test=none -Dsim.seed=";

	private final Logger core = (Logger) LoggerFactory.getLogger("io.bellwether");

	private Level level;

	@BeforeEach
	void quiet() {
		this.level = this.core.getLevel();
		this.core.setLevel(Level.OFF);
	}

	@AfterEach
	void restore() {
		this.core.setLevel(this.level);
	}

	@Test
	void everyInvariantHoldsInEverySeededScenario() {
		String single = System.getProperty("sim.seed");
		if (single != null) {
			replay(Long.parseLong(single.trim()));
			return;
		}
		long first = Long.getLong("sim.first", 1);
		long seeds = Long.getLong("sim.seeds", 10_000);
		int threads = Integer.getInteger("sim.threads", Math.min(2, Runtime.getRuntime().availableProcessors()));
		long started = System.nanoTime();
		AtomicLong next = new AtomicLong(first);
		AtomicLong events = new AtomicLong();
		AtomicLong simulated = new AtomicLong();
		AtomicLong slowest = new AtomicLong();
		AtomicLong slowestSeed = new AtomicLong();
		AtomicReference<String> failure = new AtomicReference<>();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				workers.add(pool.submit(() -> {
					for (long seed = next.getAndIncrement(); seed < first + seeds
							&& failure.get() == null; seed = next.getAndIncrement()) {
						try {
							Result result = new Simulation(seed, false).run();
							events.addAndGet(result.events());
							simulated.addAndGet(result.simulatedNanos());
							long agreed = result.agreedAfterNanos();
							synchronized (slowest) {
								if (agreed > slowest.get()) {
									slowest.set(agreed);
									slowestSeed.set(seed);
								}
							}
						}
						catch (Violation violation) {
							failure.compareAndSet(null,
									violation.getMessage() + "\nreplay (prints the trace): " + REPLAY + seed);
						}
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			pool.shutdownNow();
		}
		if (failure.get() != null) {
			fail(failure.get());
		}
		long took = System.nanoTime() - started;
		System.out.printf(
				"simulation: %d scenarios (seeds %d-%d) on %d threads, %d events, %.0f s simulated, in %.1f s; "
						+ "slowest agreement after the faults stopped: %d ms (seed %d)%n",
				seeds, first, first + seeds - 1, threads, events.get(), simulated.get() / 1e9, took / 1e9,
				TimeUnit.NANOSECONDS.toMillis(slowest.get()), slowestSeed.get());
	}

	private void replay(long seed) {
		try {
			Result result = new Simulation(seed, true).run();
			System.out.printf("simulation: seed %d passed, %d events, agreed %d ms after the faults stopped%n", seed,
					result.events(), Duration.ofNanos(result.agreedAfterNanos()).toMillis());
		}
		catch (Violation violation) {
			fail(violation.getMessage() + "\ntrace (latest last):\n" + violation.trace);
		}
	}

}

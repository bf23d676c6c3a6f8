package io.bellwether.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import io.bellwether.testsupport.Firewall;
import io.bellwether.testsupport.Moment;
import io.bellwether.testsupport.PeerApi.View;
import io.bellwether.testsupport.PeerCommand;
import io.bellwether.testsupport.PeerProcesses;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waiting and checking helpers shared by the chaos tests.
 */
final class ChaosSupport {

	/** JVMs start slowly when several share 2 busy cores: be generous. */
	static final Duration START = Duration.ofSeconds(120);

	static final Duration CONVERGE = Duration.ofSeconds(30);

	/** Seed of the random phases; printed, and settable with {@code -Dchaos.seed}. */
	private static final long SEED = Long.getLong("chaos.seed", System.nanoTime());

	private static final Random RANDOM = new Random(SEED);

	static {
		System.out.println("CHAOS seed " + SEED + " (-Dchaos.seed=" + SEED + " for the same phases)");
	}

	private ChaosSupport() {
	}

	/**
	 * Waits a random part of a heartbeat interval, so that the next fault hits a random
	 * phase of the heartbeat cycle.
	 * @return the wait in milliseconds
	 */
	static long randomPhase() {
		long phase;
		synchronized (RANDOM) {
			phase = RANDOM.nextLong(PauseTolerance.INTERVAL.toMillis());
		}
		faultLasts(Duration.ofMillis(phase));
		return phase;
	}

	/** The chaos peers' heartbeat addresses: 127.0.1.<id>. */
	static final String NET = "127.0.1";

	/**
	 * Peers 1 to {@code size} of the built jar, each on its own loopback address
	 * ({@link #NET}) so that {@link #firewall()} can cut links between them; logs in
	 * {@code target/chaos/<name>/}.
	 */
	static PeerProcesses peers(String name, int size, String... args) {
		return new PeerProcesses(PeerCommand.group(size).withLoopback(NET).withArgs(args),
				Path.of("target", "chaos", name));
	}

	/** The chaos suite's iptables chain, {@code BELLWETHER-CHAOS}, over {@link #NET}. */
	static Firewall firewall() {
		return new Firewall("BELLWETHER-CHAOS", (id) -> NET + "." + id);
	}

	/** Skips unless the jar is built (the chaos suite runs after {@code package}). */
	static void assumeJar() {
		Assumptions.assumeTrue(PeerCommand.JAR.toFile().isFile(), "run after package: ../target/bellwether.jar");
	}

	/**
	 * Waits until every listed peer names {@code leader} with one common term; returns
	 * it.
	 */
	static long awaitAgreement(PeerProcesses peers, List<Integer> ids, int leader, Duration within) {
		await().atMost(within).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			Map<Integer, View> views = peers.views(ids);
			assertThat(views.values()).as("views %s", views).allMatch((view) -> view.leaderId() == leader);
			assertThat(views.values().stream().map(View::term).distinct()).as("one term: %s", views).hasSize(1);
		});
		return peers.view(ids.get(0)).term();
	}

	/** Waits until every listed peer names the same leader, whichever, with one term. */
	static View awaitAnyAgreement(PeerProcesses peers, List<Integer> ids, Duration within) {
		await().atMost(within).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			Map<Integer, View> views = peers.views(ids);
			assertThat(views.values().stream().map(View::leaderId).distinct()).as("one leader: %s", views)
				.singleElement()
				.matches((leader) -> leader >= 0);
			assertThat(views.values().stream().map(View::term).distinct()).as("one term: %s", views).hasSize(1);
		});
		return peers.view(ids.get(0));
	}

	/**
	 * Asserts that for the whole {@code period} every listed peer keeps its current view.
	 */
	static void assertStableFor(PeerProcesses peers, List<Integer> ids, Duration period) {
		Map<Integer, View> before = peers.views(ids);
		await().during(period)
			.atMost(period.plusSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> peers.views(ids).equals(before));
	}

	/**
	 * Runs a check and keeps its failure instead of throwing it, so that the remaining
	 * trials still run and print their figures.
	 * @param failures where failures go
	 * @param check the check
	 */
	static void collect(List<String> failures, Runnable check) {
		try {
			check.run();
		}
		catch (AssertionError ex) {
			failures.add(ex.getMessage());
		}
	}

	/**
	 * How long a process was frozen: at least from the end of the stop signal to the
	 * start of the continue signal, at most from the start of one to the end of the
	 * other.
	 * @return {@code "least..most"} in milliseconds
	 */
	static String frozenFor(Moment frozen, Moment thawed) {
		return Duration.between(frozen.to(), thawed.from()).toMillis() + ".."
				+ Duration.between(frozen.from(), thawed.to()).toMillis();
	}

	/**
	 * Lets a fault last: this is the length of a freeze or a split, not a wait for a
	 * result.
	 */
	static void faultLasts(Duration duration) {
		LockSupport.parkNanos(duration.toNanos());
	}

}

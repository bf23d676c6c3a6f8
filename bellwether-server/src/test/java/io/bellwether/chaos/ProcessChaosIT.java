package io.bellwether.chaos;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.bellwether.chaos.ChaosSupport.CONVERGE;
import static io.bellwether.chaos.ChaosSupport.START;
import static io.bellwether.chaos.ChaosSupport.assertStableFor;
import static io.bellwether.chaos.ChaosSupport.awaitAgreement;
import static io.bellwether.chaos.ChaosSupport.faultLasts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Four real peer processes and real signals: crash ({@code kill -9}), freeze
 * ({@code SIGSTOP}), clean stop ({@code SIGTERM}), restart. Runs after {@code package}
 * (failsafe). Times are not asserted here (see {@code scripts/benchmark.sh}); outcomes
 * are.
 */
class ProcessChaosIT {

	private static final List<Integer> ALL = List.of(1, 2, 3, 4);

	private static final List<Integer> SURVIVORS = List.of(2, 3, 4);

	private PeerProcesses peers;

	@BeforeEach
	void jar() {
		ChaosSupport.assumeJar();
	}

	@AfterEach
	void stop() {
		if (this.peers != null) {
			this.peers.close();
		}
	}

	@Test
	void crashedLeaderIsReplacedRejoinsAndACrashedFollowerChangesNothing() throws Exception {
		this.peers = new PeerProcesses("crash", 4).startAll();
		long first = awaitAgreement(this.peers, ALL, 1, START);

		this.peers.kill(1);
		long second = awaitAgreement(this.peers, SURVIVORS, 2, CONVERGE);
		assertThat(second).isGreaterThan(first);

		this.peers.start(1);
		long third = awaitAgreement(this.peers, ALL, 1, START);
		assertThat(third).isGreaterThan(second);

		this.peers.kill(4);
		await().atMost(CONVERGE).untilAsserted(() -> {
			for (int id : List.of(1, 2, 3)) {
				assertThat(this.peers.statuses(id)).containsEntry(4, "DEAD");
			}
		});
		assertThat(awaitAgreement(this.peers, List.of(1, 2, 3), 1, CONVERGE)).isEqualTo(third);
	}

	@Test
	void shortFreezeChangesNothingLongFreezeFailsOverCleanStopHandsOver() throws Exception {
		this.peers = new PeerProcesses("freeze", 4).startAll();
		long first = awaitAgreement(this.peers, ALL, 1, START);
		assertStableFor(this.peers, ALL, Duration.ofSeconds(2));

		// a pause of a quarter of the timeout: nobody may notice
		this.peers.freeze(1);
		faultLasts(Duration.ofMillis(500));
		this.peers.resume(1);
		assertStableFor(this.peers, ALL, Duration.ofSeconds(3));
		assertThat(this.peers.view(2).term()).isEqualTo(first);

		// frozen for good: the survivors elect 2
		this.peers.freeze(1);
		long second = awaitAgreement(this.peers, SURVIVORS, 2, CONVERGE);
		assertThat(second).isGreaterThan(first);

		// thawed: it comes back, and after the rejoin hold leads again, with one term
		// everywhere
		this.peers.resume(1);
		long third = awaitAgreement(this.peers, ALL, 1, CONVERGE);
		assertThat(third).isGreaterThan(second);

		// clean stop: LEAVE, the survivors re-elect
		this.peers.stop(1);
		assertThat(awaitAgreement(this.peers, SURVIVORS, 2, CONVERGE)).isGreaterThan(third);
		for (int id : SURVIVORS) {
			assertThat(this.peers.statuses(id)).containsEntry(1, "DEAD");
		}
	}

}

package io.bellwether.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.bellwether.chaos.LeaderClaims.Sample;
import io.bellwether.testsupport.Moment;
import io.bellwether.testsupport.PeerApi.LeaderEvent;
import io.bellwether.testsupport.PeerApi.MembershipEvent;
import io.bellwether.testsupport.PeerApi.View;
import io.bellwether.testsupport.PeerProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.bellwether.chaos.ChaosSupport.CONVERGE;
import static io.bellwether.chaos.ChaosSupport.START;
import static io.bellwether.chaos.ChaosSupport.assertStableFor;
import static io.bellwether.chaos.ChaosSupport.awaitAgreement;
import static io.bellwether.chaos.ChaosSupport.faultLasts;
import static io.bellwether.chaos.ChaosSupport.randomPhase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Four real peer processes and real signals: crash ({@code kill -9}), freeze
 * ({@code SIGSTOP}), clean stop ({@code SIGTERM}), restart. Freezes of the leader just
 * under the documented tolerance ({@link PauseTolerance}) at random phases change
 * nothing; just over it they depose the leader; in majority mode a leader frozen past its
 * lease never leads alongside its successor (see {@link Trial}). Runs after
 * {@code package} (failsafe). Times are not asserted here (see
 * {@code io.bellwether.benchmark}); outcomes are, and the figures are printed on
 * {@code CHAOS} lines.
 */
class ProcessChaosIT {

	private static final List<Integer> ALL = List.of(1, 2, 3, 4);

	private static final List<Integer> SURVIVORS = List.of(2, 3, 4);

	/** Freezes just under the tolerance in the default mode, at random phases. */
	private static final int UNDER_TRIALS = Integer.getInteger("chaos.pause.trials", 3);

	/** The same in majority mode: the leader's lease must survive them too. */
	private static final int MAJORITY_UNDER_TRIALS = Integer.getInteger("chaos.pause.trials", 2);

	/** Freezes just over the timeout in the default mode, at random phases. */
	private static final int OVER_TRIALS = Integer.getInteger("chaos.pause.trials", 2);

	private static final int PAST_LEASE_TRIALS = Integer.getInteger("chaos.lease.trials", 2);

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
		this.peers = ChaosSupport.peers("crash", 4).startAll();
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
	void pausesUnderTheToleranceChangeNothingLongerOnesFailOverCleanStopHandsOver() throws Exception {
		this.peers = ChaosSupport.peers("freeze", 4).startAll();
		long first = awaitAgreement(this.peers, ALL, 1, START);
		assertStableFor(this.peers, ALL, Duration.ofSeconds(2));

		// just under the tolerance, at random phases of the heartbeat cycle: nobody may
		// notice
		pausesChangeNothing("freeze-under", UNDER_TRIALS, first);

		// just over the timeout, at random phases: the survivors elect 2 while 1 is
		// frozen; thawed, 1 comes back and after the rejoin hold leads again, with one
		// term
		// everywhere
		long term = first;
		for (int trial = 1; trial <= OVER_TRIALS; trial++) {
			term = pauseDeposes("freeze-over #" + trial, term);
		}

		// clean stop: LEAVE, the survivors re-elect
		this.peers.stop(1);
		assertThat(awaitAgreement(this.peers, SURVIVORS, 2, CONVERGE)).isGreaterThan(term);
		for (int id : SURVIVORS) {
			assertThat(this.peers.statuses(id)).containsEntry(1, "DEAD");
		}
	}

	@Test
	void leaderFrozenPastItsLeaseInMajorityModeNeverLeadsAlongsideItsSuccessor() throws Exception {
		this.peers = ChaosSupport
			.peers("freeze-majority", 4, "--bellwether.election.quorum=majority",
					"--bellwether.election.rejoin-hold=500ms")
			.startAll();
		long first = awaitAgreement(this.peers, ALL, 1, START);
		pausesChangeNothing("freeze-under-majority", MAJORITY_UNDER_TRIALS, first);
		List<String> overlaps = new ArrayList<>();
		for (int trial = 1; trial <= PAST_LEASE_TRIALS; trial++) {
			long before = awaitAgreement(this.peers, ALL, 1, CONVERGE);
			try (Trial watched = Trial.start("freeze-past-lease #" + trial, this.peers, ALL)) {
				long phase = randomPhase();
				Moment frozen = this.peers.freeze(1);
				awaitAgreement(this.peers, SURVIVORS, 2, CONVERGE);
				View successor = this.peers.view(2);
				// the others took over, so its lease is over; keep it frozen a while
				// longer
				faultLasts(Duration.ofSeconds(1));
				Moment thawed = this.peers.resume(1);
				long back = awaitAgreement(this.peers, ALL, 1, CONVERGE);
				Trial.Result result = watched.finish();
				String firstAnswer = result.samples()
					.stream()
					.filter((sample) -> sample.peer() == 1 && sample.answered()
							&& sample.received().isAfter(thawed.from()))
					.findFirst()
					.map((sample) -> "leader " + sample.leaderId() + " (sent " + frozen.millisUntil(sample.sent())
							+ " ms after the freeze, answered " + thawed.millisUntil(sample.received())
							+ " ms after the thaw)")
					.orElse("-");
				String extra = "phase " + phase + " ms, frozen " + ChaosSupport.frozenFor(frozen, thawed)
						+ " ms; thawed peer 1's first answer: " + firstAnswer + "; terms: before " + before
						+ ", successor " + successor.term() + ", back " + back;
				ChaosSupport.collect(overlaps, () -> result.assertNoOverlap(frozen, 1, 2, extra));
			}
		}
		assertThat(overlaps).as("trials with two leaders at once").isEmpty();
	}

	/**
	 * Freezes the leader (peer 1) for {@link PauseTolerance#OVER} at a random phase: the
	 * survivors follow 2 before it thaws; then it leads again.
	 * @return the term once 1 leads again
	 */
	private long pauseDeposes(String name, long term) {
		try (Trial watched = Trial.start(name, this.peers, ALL)) {
			long phase = randomPhase();
			Moment frozen = this.peers.freeze(1);
			faultLasts(PauseTolerance.OVER);
			Moment thawed = this.peers.resume(1);
			long back = awaitAgreement(this.peers, ALL, 1, CONVERGE);
			Trial.Result result = watched.finish();
			List<LeaderEvent> deposed = result.leaderChanges()
				.stream()
				// the thawed peer itself may follow 2 for a moment before it leads again
				.filter((change) -> change.peer() != 1 && change.leaderId() == 2 && change.at().isBefore(thawed.to()))
				.toList();
			System.out.printf("CHAOS %s: phase %d ms, frozen %s ms, survivors -> leader 2 after %s ms%n", name, phase,
					ChaosSupport.frozenFor(frozen, thawed),
					deposed.stream().map((change) -> change.peer() + ": " + frozen.millisUntil(change.at())).toList());
			assertThat(deposed).as("%s: survivors that followed 2 during a %s freeze", name, PauseTolerance.OVER)
				.extracting(LeaderEvent::peer)
				.containsExactlyInAnyOrderElementsOf(SURVIVORS);
			assertThat(deposed.get(0).term()).isGreaterThan(term);
			assertThat(back).isGreaterThan(deposed.get(0).term());
			return back;
		}
	}

	/**
	 * Freezes the leader {@code trials} times just under the tolerance; a freeze that the
	 * busy machine stretched to the tolerance or beyond does not count and is repeated
	 * (at most twice as many attempts).
	 */
	private void pausesChangeNothing(String name, int trials, long term) {
		int valid = 0;
		for (int attempt = 1; valid < trials && attempt <= 2 * trials; attempt++) {
			valid += pauseChangesNothing(name + " #" + attempt, term) ? 1 : 0;
		}
		assertThat(valid).as("%s: freezes shorter than the tolerance", name).isEqualTo(trials);
	}

	/**
	 * Freezes the leader (peer 1) for {@link PauseTolerance#UNDER} at a random phase:
	 * nothing may change, on any peer, not even for a moment.
	 * @return whether the freeze was shorter than the tolerance (else nothing is
	 * asserted)
	 */
	private boolean pauseChangesNothing(String name, long term) {
		try (Trial watched = Trial.start(name, this.peers, ALL)) {
			long phase = randomPhase();
			Moment frozen = this.peers.freeze(1);
			faultLasts(PauseTolerance.UNDER);
			Moment thawed = this.peers.resume(1);
			// long enough for a late detection to show
			await().during(PauseTolerance.TIMEOUT.plusMillis(500))
				.atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> this.peers.views(ALL)
					.values()
					.stream()
					.allMatch((view) -> view.leaderId() == 1 && view.term() == term));
			Trial.Result result = watched.finish();
			List<Sample> changed = result.samples()
				.stream()
				.filter((sample) -> sample.answered() && (sample.leaderId() != 1 || sample.term() != term))
				.toList();
			List<MembershipEvent> dead = result.histories()
				.values()
				.stream()
				.flatMap((history) -> history.membershipChanges().stream())
				.filter((event) -> event.at().isAfter(result.start()) && event.status().equals("DEAD"))
				.toList();
			System.out.printf(
					"CHAOS %s: phase %d ms, frozen %s ms (tolerance %d ms): %d leader changes, %d DEAD, %d of %d polls"
							+ " off leader 1 term %d%n",
					name, phase, ChaosSupport.frozenFor(frozen, thawed), PauseTolerance.TOLERATED.toMillis(),
					result.leaderChanges().size(), dead.size(), changed.size(), result.samples().size(), term);
			if (!Duration.between(frozen.from(), thawed.to()).minus(PauseTolerance.TOLERATED).isNegative()) {
				System.out.printf("CHAOS %s: not counted, the freeze was not shorter than the tolerance%n", name);
				return false;
			}
			assertThat(result.leaderChanges()).as("%s: leader changes on any peer", name).isEmpty();
			assertThat(dead).as("%s: peers declared DEAD", name).isEmpty();
			assertThat(changed).as("%s: answers other than leader 1 term %d", name, term).isEmpty();
			return true;
		}
	}

}

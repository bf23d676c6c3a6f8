package io.bellwether.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.bellwether.chaos.LeaderClaims.Sample;
import io.bellwether.testsupport.Firewall;
import io.bellwether.testsupport.Moment;
import io.bellwether.testsupport.PeerApi.MembershipEvent;
import io.bellwether.testsupport.PeerApi.View;
import io.bellwether.testsupport.PeerProcesses;
import io.bellwether.testsupport.RequiredTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.bellwether.chaos.ChaosSupport.CONVERGE;
import static io.bellwether.chaos.ChaosSupport.START;
import static io.bellwether.chaos.ChaosSupport.assertStableFor;
import static io.bellwether.chaos.ChaosSupport.awaitAgreement;
import static io.bellwether.chaos.ChaosSupport.awaitAnyAgreement;
import static io.bellwether.chaos.ChaosSupport.randomPhase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Network partitions between real peer processes: each peer has its own loopback address
 * and iptables drops packets between them (root needed). In majority mode: the leader cut
 * off from the other three, again and again, and cut off while the others' links are
 * reconnecting; a 2–2 split. Without quorum: an isolated peer, one-way loss in both
 * directions, and healing. Every majority-mode trial is watched for two leaders at once
 * (see {@link Trial}) and prints its figures on a {@code CHAOS} line.
 */
class PartitionChaosIT {

	private static final List<Integer> ALL = List.of(1, 2, 3, 4);

	private static final List<Integer> MAJORITY_SIDE = List.of(2, 3, 4);

	/**
	 * At least 5 in every build; {@code -Dchaos.isolation.trials=20} for a longer run.
	 */
	private static final int ISOLATION_TRIALS = Integer.getInteger("chaos.isolation.trials", 5);

	/**
	 * A short rejoin hold, so that the isolated leader, whose hold doubles with each
	 * isolation, comes back within seconds in the later trials too.
	 */
	private static final String[] MAJORITY = { "--bellwether.election.quorum=majority",
			"--bellwether.election.rejoin-hold=500ms" };

	private PeerProcesses peers;

	private Firewall firewall;

	@BeforeEach
	void tools() {
		ChaosSupport.assumeJar();
		RequiredTool.require(Firewall.available(), "iptables is needed as root: install Debian's iptables");
		this.firewall = ChaosSupport.firewall();
	}

	@AfterEach
	void stop() {
		if (this.firewall != null) {
			this.firewall.close();
		}
		if (this.peers != null) {
			this.peers.close();
		}
	}

	@Test
	void isolatedLeaderInMajorityModeStepsDownBeforeTheMajorityElects() throws Exception {
		this.peers = ChaosSupport.peers("isolate-majority", 4, MAJORITY).startAll();
		awaitAgreement(this.peers, ALL, 1, START);
		List<String> overlaps = new ArrayList<>();
		for (int trial = 1; trial <= ISOLATION_TRIALS; trial++) {
			long before = awaitAgreement(this.peers, ALL, 1, CONVERGE);
			try (Trial watched = Trial.start("isolate-1|3 #" + trial, this.peers, ALL)) {
				long phase = randomPhase();
				this.firewall.split(List.of(1), MAJORITY_SIDE);
				Moment cut = this.firewall.lastChange();
				awaitAgreement(this.peers, MAJORITY_SIDE, 2, CONVERGE);
				View majority = this.peers.view(2);
				assertThat(majority.term()).isGreaterThan(before);
				await().atMost(CONVERGE).until(() -> this.peers.view(1).leaderId() == View.NONE);
				View isolated = this.peers.view(1);
				// the isolated peer keeps the term it had: it cannot share the majority's
				assertThat(isolated.term()).as("isolated peer 1: %s, majority: %s", isolated, majority)
					.isNotEqualTo(majority.term());

				this.firewall.heal();
				long healed = awaitAgreement(this.peers, ALL, 1, CONVERGE);
				assertThat(healed).isGreaterThan(majority.term());
				Trial.Result result = watched.finish();
				// every trial runs and prints its figures; the test fails at the end
				ChaosSupport.collect(overlaps,
						() -> result.assertNoOverlap(cut, 1, 2,
								"phase " + phase + " ms; terms: before " + before + ", isolated " + isolated.term()
										+ ", majority " + majority.term() + ", healed " + healed));
			}
		}
		assertThat(overlaps).as("trials with two leaders at once").isEmpty();
	}

	@Test
	void twoTwoSplitHasNoLeaderAnywhereAndACutDuringReconnectsIsNoCrash() throws Exception {
		this.peers = ChaosSupport.peers("split-majority", 4, MAJORITY).startAll();
		long first = awaitAgreement(this.peers, ALL, 1, START);

		try (Trial watched = Trial.start("split-2|2", this.peers, ALL)) {
			randomPhase();
			this.firewall.split(List.of(1, 2), List.of(3, 4));
			Moment cut = this.firewall.lastChange();
			await().atMost(CONVERGE)
				.untilAsserted(() -> assertThat(this.peers.views(ALL).values())
					.allMatch((view) -> view.leaderId() == View.NONE));
			assertStableFor(this.peers, ALL, Duration.ofSeconds(3));
			List<Sample> split = watched.poller()
				.samples()
				.stream()
				.filter((sample) -> sample.sent().isAfter(cut.to()))
				.toList();

			this.firewall.heal();
			View healed = awaitAnyAgreement(this.peers, ALL, CONVERGE);
			assertThat(healed.leaderId()).isEqualTo(1);
			assertThat(healed.term()).isGreaterThan(first);
			watched.finish().assertNoOverlap(cut, 1, 0, "terms: before " + first + ", healed " + healed.term());
			// nobody names a leader from the other side, nor a new one: only the old
			// leader until it is given up, then none
			assertThat(split).as("leaders named during the split")
				.allMatch((sample) -> sample.leaderId() == 1 || sample.leaderId() <= 0);
		}

		// the same group (starting one costs more than the trial): a cut during
		// reconnects
		leaderCutOffWhileTheOthersReconnectIsNotTakenForCrashed(awaitAgreement(this.peers, ALL, 1, CONVERGE));
	}

	/**
	 * The leader cut off so that the others' connections to it are reset and their
	 * reconnects time out: silence, not a crash. Nobody may declare it crashed, and the
	 * others elect only once its lease is over.
	 */
	private void leaderCutOffWhileTheOthersReconnectIsNotTakenForCrashed(long before) {
		try (Trial watched = Trial.start("cut-during-reconnect", this.peers, ALL)) {
			long phase = randomPhase();
			// the others' connections to 1 are reset, so their links reconnect at once,
			// and every reconnect times out
			this.firewall.cutWithResets(1, MAJORITY_SIDE);
			Moment cut = this.firewall.lastChange();
			awaitAgreement(this.peers, MAJORITY_SIDE, 2, CONVERGE);
			View majority = this.peers.view(2);
			await().atMost(CONVERGE).until(() -> this.peers.view(1).leaderId() == View.NONE);
			Map<String, Long> fired = this.firewall.packetsPerTarget();
			this.firewall.heal();
			long healed = awaitAgreement(this.peers, ALL, 1, CONVERGE);
			Trial.Result result = watched.finish();
			List<MembershipEvent> seen = result.membership(1);
			result.assertNoOverlap(cut, 1, 2, "phase " + phase + " ms; terms: before " + before + ", majority "
					+ majority.term() + ", healed " + healed + "; firewall " + fired + "; peer 1 seen " + seen);
			assertThat(fired).as("the cut reset connections and dropped reconnects")
				.hasEntrySatisfying("REJECT", (packets) -> assertThat(packets).isPositive())
				.hasEntrySatisfying("DROP", (packets) -> assertThat(packets).isPositive());
			assertThat(seen).as("a timed-out reconnect is not a crash")
				.filteredOn((event) -> event.status().equals("DEAD"))
				.isNotEmpty()
				.allMatch((event) -> event.cause().equals("TIMEOUT"));
		}
	}

	@Test
	void isolatedPeerAndOneWayLossInBothDirectionsConvergeToOneLeader() throws Exception {
		this.peers = ChaosSupport.peers("isolate-asymmetric", 4).startAll();
		long first = awaitAgreement(this.peers, ALL, 1, START);

		// peer 4 alone: without quorum it leads itself, with a term of its own; the
		// others keep leader 1 and its term
		this.firewall.split(List.of(4), List.of(1, 2, 3));
		awaitAgreement(this.peers, List.of(4), 4, CONVERGE);
		assertThat(awaitAgreement(this.peers, List.of(1, 2, 3), 1, CONVERGE)).isEqualTo(first);
		assertThat(this.peers.view(4).term()).isNotEqualTo(first);
		this.firewall.heal();
		long healed = awaitAgreement(this.peers, ALL, 1, CONVERGE);

		// one-way loss, each direction in turn: the receiving side loses the sender
		// (TCP soon stalls the other way too, its acknowledgements being lost), the other
		// peers hear both, and shared views keep one leader with one term everywhere
		oneWayLoss(1, 2, healed);
		oneWayLoss(2, 1, healed);
	}

	private void oneWayLoss(int from, int to, long term) {
		this.firewall.drop(from, to);
		await().atMost(CONVERGE).untilAsserted(() -> assertThat(this.peers.statuses(to)).containsEntry(from, "DEAD"));
		assertStableFor(this.peers, ALL, Duration.ofSeconds(4));
		assertThat(this.peers.views(ALL)).as("every peer's view with %d -> %d dropped", from, to)
			.allSatisfy((id, view) -> assertThat(view.leaderId() == 1 && view.term() == term).isTrue());
		for (int bystander : List.of(3, 4)) {
			assertThat(this.peers.statuses(bystander)).as("peer %d hears both sides", bystander)
				.containsOnly(Map.entry(1, "ALIVE"), Map.entry(2, "ALIVE"), Map.entry(3, "ALIVE"),
						Map.entry(4, "ALIVE"));
		}

		this.firewall.heal();
		await().atMost(CONVERGE).untilAsserted(() -> {
			assertThat(this.peers.statuses(to)).containsEntry(from, "ALIVE");
			assertThat(this.peers.statuses(from)).containsEntry(to, "ALIVE");
		});
		assertThat(awaitAgreement(this.peers, ALL, 1, CONVERGE)).isEqualTo(term);
	}

}

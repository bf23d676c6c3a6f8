package io.bellwether.election;

import java.time.Duration;
import java.time.Instant;

import io.bellwether.config.QuorumMode;
import io.bellwether.election.LeaderElection.Decision;
import io.bellwether.membership.FailureCause;
import io.bellwether.membership.Member;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.protocol.PeerView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.bellwether.election.Views.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The election rule as a table: no Spring, no sockets, no clock.
 */
class LeaderElectionTests {

	private static final Instant NOW = T0.plusSeconds(60);

	private static final int NONE = PeerView.NO_LEADER;

	private final LeaderElection plain = new LeaderElection(QuorumMode.NONE, Duration.ZERO);

	private final LeaderElection majority = new LeaderElection(QuorumMode.MAJORITY, Duration.ZERO);

	private final LeaderElection held = new LeaderElection(QuorumMode.NONE, Duration.ofSeconds(2));

	@ParameterizedTest(name = "self {0}, alive others [{1}] -> leader {2}")
	@CsvSource(delimiter = ';',
			value = { "1; 2 3 4; 1", "2; 1 3 4; 1", "2; 3 4; 2", "4; ; 4", "3; 4; 3", "4; 2 3; 2", "4; 3; 3" })
	void lowestAliveIdLeadsSelfIncluded(int self, String others, int leader) {
		Views views = Views.of(self, 4, NOW);
		if (others != null) {
			for (String id : others.trim().split(" ")) {
				views.alive(Integer.parseInt(id));
			}
		}
		assertThat(this.plain.decide(views.build(), NONE, 0)).isEqualTo(new Decision(leader, null));
	}

	@ParameterizedTest(name = "ids from 0: self {0}, alive others [{1}] -> leader {2}")
	@CsvSource(delimiter = ';', value = { "0; 1 2 3; 0", "2; 0 1 3; 0", "2; 1 3; 1", "3; ; 3", "1; 0; 0" })
	void peerZeroIsAnOrdinaryLowestId(int self, String others, int leader) {
		Views views = Views.fromZero(self, 4, NOW);
		if (others != null) {
			for (String id : others.trim().split(" ")) {
				views.alive(Integer.parseInt(id));
			}
		}
		assertThat(this.plain.decide(views.build(), NONE, 0)).isEqualTo(new Decision(leader, null));
		assertThat(this.majority.decide(views.build(), NONE, 0).hasLeader())
			.isEqualTo(others != null && others.trim().split(" ").length >= 2);
	}

	@Test
	void followedLeaderZeroIsNotMistakenForNoLeader() {
		Views back = Views.fromZero(2, 3, NOW).alive(0, NOW.minusMillis(10)).says(1, T0, 1, 4);
		assertThat(this.held.decide(back.build(), 1, 4).leaderId()).as("1 leads, 0 just came back").isEqualTo(1);
		Views following = Views.fromZero(2, 3, NOW).says(0, T0, 0, 3).alive(1);
		assertThat(this.held.decide(following.build(), 0, 3).leaderId()).isEqualTo(0);
		assertThat(this.held.decide(following.build(), 0, 3).hasLeader()).isTrue();
	}

	@Test
	void noLeaderWhileDiscovering() {
		Decision decision = this.plain.decide(Views.of(2, 4, NOW).alive(1).discovering().build(), NONE, 0);
		assertThat(decision.hasLeader()).isFalse();
		assertThat(decision.reason()).contains("discovering");
	}

	@ParameterizedTest(name = "{0} of {1} alive, majority -> leader {2}")
	@CsvSource({ "1, 4, -1", "2, 4, -1", "3, 4, 1", "4, 4, 1", "1, 1, 1", "1, 2, -1", "2, 3, 1", "3, 5, 1",
			"2, 5, -1" })
	void majorityNeedsStrictlyMoreThanHalf(int alive, int size, int leader) {
		Views views = Views.of(1, size, NOW);
		for (int id = 2; id <= alive; id++) {
			views.alive(id);
		}
		Decision decision = this.majority.decide(views.build(), NONE, 0);
		assertThat(decision.leaderId()).isEqualTo(leader);
		if (leader == NONE) {
			assertThat(decision.reason())
				.isEqualTo("no quorum: " + alive + " of " + size + " peers alive, a majority needs " + (size / 2 + 1));
		}
	}

	@Test
	void twoTwoSplitHasNoLeaderOnEitherSideWithMajority() {
		assertThat(this.majority.decide(Views.of(1, 4, NOW).alive(2).build(), NONE, 0).hasLeader()).isFalse();
		assertThat(this.majority.decide(Views.of(3, 4, NOW).alive(4).build(), NONE, 0).hasLeader()).isFalse();
		assertThat(this.plain.decide(Views.of(3, 4, NOW).alive(4).build(), NONE, 0).leaderId()).isEqualTo(3);
	}

	@Test
	void returningLowerIdWaitsForRejoinHoldBehindLiveLeader() {
		Views justBack = Views.of(3, 4, NOW).alive(1, NOW.minusMillis(1999)).alive(2, 4);
		assertThat(this.held.decide(justBack.build(), 2, 5).leaderId()).isEqualTo(2);
		Views stable = Views.of(3, 4, NOW).alive(1, NOW.minusSeconds(2)).alive(2, 4);
		assertThat(this.held.decide(stable.build(), 2, 5).leaderId()).isEqualTo(1);
		assertThat(this.plain.decide(justBack.build(), 2, 5).leaderId()).as("hold 0: plain lowest id").isEqualTo(1);
	}

	@Test
	void noHoldWithoutALiveIncumbent() {
		Views view = Views.of(3, 4, NOW).alive(1, NOW.minusMillis(10)).alive(4);
		assertThat(this.held.decide(view.build(), NONE, 0).leaderId()).isEqualTo(1);
		assertThat(this.held.decide(view.build(), 2, 5).leaderId()).as("followed leader 2 is dead").isEqualTo(1);
	}

	@Test
	void claimedLeaderCountsAsIncumbentForAPeerThatJustStarted() {
		Views view = Views.of(4, 4, NOW)
			.selfSince(NOW.minusMillis(100))
			.alive(1, NOW.minusMillis(100))
			.says(2, NOW.minusMillis(100), 2, 7)
			.says(3, NOW.minusMillis(100), 2, 7);
		assertThat(this.held.decide(view.build(), NONE, 0).leaderId()).isEqualTo(2);
	}

	@Test
	void returningSelfWaitsForHoldMeasuredFromContactWithIncumbent() {
		Views view = Views.of(1, 4, NOW)
			.selfSince(NOW.minusSeconds(30))
			.says(2, NOW.minusMillis(500), 2, 7)
			.alive(3, 4);
		assertThat(this.held.decide(view.build(), NONE, 0).leaderId()).isEqualTo(2);
		Views later = Views.of(1, 4, NOW)
			.selfSince(NOW.minusSeconds(30))
			.says(2, NOW.minusSeconds(2), 2, 7)
			.alive(3, 4);
		assertThat(this.held.decide(later.build(), 2, 7).leaderId()).isEqualTo(1);
	}

	@Test
	void higherClaimedTermWinsIncumbency() {
		Views view = Views.of(4, 4, NOW)
			.says(1, NOW.minusMillis(100), 1, 5)
			.says(3, NOW.minusMillis(100), 3, 6)
			.alive(2, T0);
		assertThat(this.held.decide(view.build(), NONE, 0).leaderId()).as("1 is not yet stable; 3 claims term 6")
			.isEqualTo(3);
	}

	@Test
	void aPeerLostOnlyToSilenceCountsWhileAPeerWeHearReportsIt() {
		// one-way loss: 2 no longer hears 1, but 3 does and says so
		MembershipSnapshot view = Views.of(2, 4, NOW)
			.dead(1, FailureCause.TIMEOUT)
			.reports(3, 1, 2, 3, 4)
			.reports(4, 2, 3, 4)
			.build();
		assertThat(view.electable()).extracting(Member::id).containsExactly(1, 2, 3, 4);
		assertThat(this.plain.decide(view, 1, 4).leaderId()).isEqualTo(1);
	}

	@Test
	void hearsayNeverRevivesACrashOrALeave() {
		for (FailureCause cause : new FailureCause[] { FailureCause.CONNECTION_LOST, FailureCause.LEAVE }) {
			MembershipSnapshot view = Views.of(2, 4, NOW)
				.dead(1, cause)
				.reports(3, 1, 2, 3)
				.reports(4, 1, 2, 4)
				.build();
			assertThat(view.electable()).extracting(Member::id).containsExactly(2, 3, 4);
			assertThat(this.plain.decide(view, 1, 4).leaderId()).isEqualTo(2);
		}
	}

	@Test
	void reportsOfADeadReporterDoNotCount() {
		MembershipSnapshot view = Views.of(2, 3, NOW)
			.dead(1, FailureCause.TIMEOUT)
			.dead(3, FailureCause.TIMEOUT)
			.build();
		assertThat(view.electable()).extracting(Member::id).containsExactly(2);
	}

	@Test
	void majorityCountsOnlyPeersHeardDirectly() {
		// the 2|2 split of issue 12: peer 4 hears only 3, which still reports 1 and 2
		MembershipSnapshot minority = Views.of(4, 4, NOW).reports(3, 1, 2, 3, 4).build();
		Decision decision = this.majority.decide(minority, NONE, 0);
		assertThat(decision.hasLeader()).isFalse();
		assertThat(decision.reason()).isEqualTo("no quorum: 2 of 4 peers alive, a majority needs 3");
		// hearsay still decides who is lowest once the quorum is heard directly
		MembershipSnapshot heard = Views.of(2, 4, NOW).reports(3, 1, 2, 3, 4).reports(4, 1, 2, 3, 4).build();
		assertThat(this.majority.decide(heard, NONE, 0).leaderId()).isEqualTo(1);
	}

	@Test
	void stickyKeepsALiveLeaderWhenALowerIdReturns() {
		LeaderElection sticky = new LeaderElection(QuorumMode.NONE, Duration.ZERO, true);
		Views back = Views.of(3, 4, NOW).alive(1, NOW.minusSeconds(60)).says(2, T0, 2, 5).alive(4);
		assertThat(sticky.decide(back.build(), 2, 5).leaderId()).isEqualTo(2);
		assertThat(this.plain.decide(back.build(), 2, 5).leaderId()).isEqualTo(1);
		Views leaderGone = Views.of(3, 4, NOW).alive(1, NOW.minusSeconds(60)).dead(2, FailureCause.TIMEOUT).alive(4);
		assertThat(sticky.decide(leaderGone.build(), 2, 5).leaderId()).as("lowest again once the leader fails")
			.isEqualTo(1);
	}

	@Test
	void aFlappingPeerWaitsLongerEachTime() {
		// back 5 s after its third failure within the damping window: hold 2 s x 4 = 8 s
		Views third = Views.of(3, 4, NOW).flapping(1, NOW.minusSeconds(5), 3).says(2, T0, 2, 9).alive(4);
		assertThat(this.held.decide(third.build(), 2, 9).leaderId()).isEqualTo(2);
		Views later = Views.of(3, 4, NOW).flapping(1, NOW.minusSeconds(8), 3).says(2, T0, 2, 9).alive(4);
		assertThat(this.held.decide(later.build(), 2, 9).leaderId()).isEqualTo(1);
		Views first = Views.of(3, 4, NOW).flapping(1, NOW.minusSeconds(2), 1).says(2, T0, 2, 9).alive(4);
		assertThat(this.held.decide(first.build(), 2, 9).leaderId()).as("one failure: the plain hold").isEqualTo(1);
		assertThat(this.held.holdFor(third.build().member(1).orElseThrow())).isEqualTo(Duration.ofSeconds(8));
		Views many = Views.of(3, 4, NOW).flapping(1, NOW.minusSeconds(5), 40);
		assertThat(this.held.holdFor(many.build().member(1).orElseThrow())).as("capped")
			.isEqualTo(Duration.ofSeconds(32));
	}

}

package io.bellwether.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.bellwether.testsupport.PeerApi.LeaderEvent;
import io.bellwether.testsupport.PeerApi.View;
import io.bellwether.chaos.LeaderClaims.Sample;
import io.bellwether.chaos.LeaderClaims.Tenure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos tests' overlap arithmetic, on made-up polls and histories (milliseconds from
 * an origin).
 */
class LeaderClaimsTests {

	private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	@Test
	void aRunOfClaimsIsBrokenByADenialButNotByASilence() {
		List<Sample> samples = List.of(poll(1, 0, 5, 1), poll(1, 20, 25, View.NO_ANSWER), poll(1, 40, 45, 1),
				poll(1, 60, 65, View.NONE), poll(1, 80, 85, 1));
		assertThat(LeaderClaims.runs(samples)).hasSize(2).first().satisfies((run) -> {
			assertThat(run.first().sent()).isEqualTo(at(0));
			assertThat(run.last().sent()).isEqualTo(at(40));
		});
	}

	@Test
	void aCleanHandOverHasNoOverlapAndAProvenGap() {
		List<Sample> samples = List.of(poll(1, 0, 5, 1), poll(1, 20, 25, 1), poll(1, 40, 45, View.NONE),
				poll(2, 0, 5, 1), poll(2, 30, 35, View.NONE), poll(2, 50, 55, 2), poll(2, 70, 75, 2));
		assertThat(LeaderClaims.certainOverlap(samples)).isZero();
		assertThat(LeaderClaims.possibleOverlap(samples)).isZero();
		assertThat(LeaderClaims.handOverGap(samples, 1, 2)).hasValue(Duration.ofMillis(25));
	}

	@Test
	void twoClaimsAtOnceAreSeenAsACertainOverlapWithAnUpperBound() {
		List<Sample> samples = List.of(poll(1, 0, 5, 1), poll(1, 100, 105, 1), poll(1, 200, 205, View.NONE),
				poll(2, 40, 45, 2), poll(2, 140, 145, 2));
		assertThat(LeaderClaims.certainOverlap(samples)).isEqualTo(Duration.ofMillis(55));
		assertThat(LeaderClaims.possibleOverlap(samples)).isEqualTo(Duration.ofMillis(65));
		assertThat(LeaderClaims.handOverGap(samples, 1, 2)).hasValue(Duration.ofMillis(-65));
	}

	@Test
	void aStaleClaimAnsweredOnThawIsAnOverlap() {
		// peer 1 frozen from 50 to 3000: the request sent at 2500 is answered at 3000
		List<Sample> samples = List.of(poll(1, 0, 5, 1), poll(1, 50, 450, View.NO_ANSWER), poll(1, 2500, 3000, 1),
				poll(1, 3020, 3025, View.NONE), poll(2, 2200, 2205, 2), poll(2, 3000, 3005, 2));
		assertThat(LeaderClaims.certainOverlap(samples)).isEqualTo(Duration.ofMillis(295));
	}

	@Test
	void tenuresFollowAPeersOwnTimestamps() {
		List<LeaderEvent> events = List.of(change(1, 1, View.NONE, 100), change(1, View.NONE, 1, 900),
				change(2, 1, 2, 500));
		assertThat(LeaderClaims.tenures(1, events, at(0), at(2000))).containsExactly(new Tenure(1, at(0), at(100)),
				new Tenure(1, at(900), at(2000)));
		assertThat(LeaderClaims.tenures(2, events, at(0), at(2000))).containsExactly(new Tenure(2, at(500), at(2000)));
	}

	@Test
	void theSmallestGapIsNegativeForOverlapsAndZeroForTheSameInstant() {
		Tenure old = new Tenure(1, at(0), at(100));
		assertThat(LeaderClaims.smallestGap(List.of(old, new Tenure(2, at(150), at(900)))))
			.hasValue(Duration.ofMillis(50));
		assertThat(LeaderClaims.smallestGap(List.of(old, new Tenure(2, at(100), at(900))))).hasValue(Duration.ZERO);
		assertThat(LeaderClaims.smallestGap(List.of(old, new Tenure(2, at(40), at(60)))))
			.hasValue(Duration.ofMillis(-20));
		assertThat(LeaderClaims.smallestGap(List.of(old, new Tenure(1, at(200), at(300))))).isEmpty();
	}

	private static Sample poll(int peer, long sent, long received, int leaderId) {
		return new Sample(peer, at(sent), at(received), leaderId, 1);
	}

	private static LeaderEvent change(int peer, int previous, int leader, long at) {
		return new LeaderEvent(peer, previous, leader, 1, at(at));
	}

	private static Instant at(long millis) {
		return T0.plusMillis(millis);
	}

}

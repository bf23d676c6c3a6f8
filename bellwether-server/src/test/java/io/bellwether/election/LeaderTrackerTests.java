package io.bellwether.election;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.bellwether.config.QuorumMode;
import org.junit.jupiter.api.Test;

import static io.bellwether.election.Views.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Term keeping and once-per-change events.
 */
class LeaderTrackerTests {

	private static final Instant NOW = T0.plusSeconds(60);

	private LeaderTracker tracker(int selfId) {
		return new LeaderTracker(selfId, new LeaderElection(QuorumMode.MAJORITY, Duration.ZERO),
				Leadership.initial(T0));
	}

	@Test
	void newLeaderTakesHighestClaimedTermPlusOne() {
		LeaderTracker tracker = tracker(1);
		Optional<LeaderChangedEvent> change = tracker
			.update(Views.of(1, 4, NOW).says(2, T0, 2, 4).says(3, T0, 2, 4).build());
		assertThat(change).hasValueSatisfying((event) -> {
			assertThat(event.granted()).isTrue();
			assertThat(event.current().term()).isEqualTo(5);
			assertThat(event.describe()).isEqualTo("leader none -> 1 term 5");
		});
	}

	@Test
	void followerShowsTheTermItsLeaderAnnounces() {
		LeaderTracker tracker = tracker(3);
		Optional<LeaderChangedEvent> change = tracker.update(Views.of(3, 4, NOW).says(1, T0, 1, 8).alive(2).build());
		assertThat(change).hasValueSatisfying((event) -> assertThat(event.current().term()).isEqualTo(8));
	}

	@Test
	void followerShowsTheTermTheLeaderWillTakeUntilItAnnouncesThenAdoptsItWithoutNewEvent() {
		LeaderTracker tracker = tracker(3);
		tracker.update(Views.of(3, 4, NOW).says(1, T0, 1, 8).alive(2).build());
		Optional<LeaderChangedEvent> failover = tracker.update(Views.of(3, 4, NOW).says(2, T0, 1, 8).alive(4).build());
		assertThat(failover).hasValueSatisfying((event) -> {
			assertThat(event.previous().leaderId()).isEqualTo(1);
			assertThat(event.current().leaderId()).isEqualTo(2);
			assertThat(event.current().term()).isEqualTo(9);
		});
		Optional<LeaderChangedEvent> announced = tracker.update(Views.of(3, 4, NOW).says(2, T0, 2, 9).alive(4).build());
		assertThat(announced).isEmpty();
		assertThat(tracker.current().term()).isEqualTo(9);
	}

	@Test
	void sameViewTwiceChangesNothing() {
		LeaderTracker tracker = tracker(2);
		assertThat(tracker.update(Views.of(2, 4, NOW).alive(1, 3).build())).isPresent();
		assertThat(tracker.update(Views.of(2, 4, NOW).alive(1, 3).build())).isEmpty();
		assertThat(tracker.update(Views.of(2, 4, NOW).alive(1, 3, 4).build())).isEmpty();
	}

	@Test
	void losingQuorumRevokesAndKeepsTheLastTerm() {
		LeaderTracker tracker = tracker(1);
		tracker.update(Views.of(1, 4, NOW).alive(2, 3).build());
		Optional<LeaderChangedEvent> lost = tracker.update(Views.of(1, 4, NOW).alive(2).build());
		assertThat(lost).hasValueSatisfying((event) -> {
			assertThat(event.revoked()).isTrue();
			assertThat(event.current().hasLeader()).isFalse();
			assertThat(event.current().term()).isEqualTo(1);
			assertThat(event.current().reason()).startsWith("no quorum");
		});
		Optional<LeaderChangedEvent> back = tracker.update(Views.of(1, 4, NOW).alive(2, 4).build());
		assertThat(back).hasValueSatisfying((event) -> assertThat(event.current().term()).isEqualTo(2));
	}

	@Test
	void leaderMovesAboveARivalClaimingTheSameOrAHigherTerm() {
		LeaderTracker tracker = tracker(1);
		tracker.update(Views.of(1, 4, NOW).alive(2, 3).build());
		assertThat(tracker.current().term()).isEqualTo(1);
		assertThat(tracker.update(Views.of(1, 4, NOW).alive(2).says(3, T0, 3, 6).build())).isEmpty();
		assertThat(tracker.current().term()).isEqualTo(7);
		assertThat(tracker.current().leaderId()).isEqualTo(1);
	}

	@Test
	void reasonWithoutLeaderFollowsTheView() {
		LeaderTracker tracker = tracker(1);
		tracker.update(Views.of(1, 4, NOW).discovering().build());
		assertThat(tracker.current().reason()).contains("discovering");
		assertThat(tracker.update(Views.of(1, 4, NOW).build())).isEmpty();
		assertThat(tracker.current().reason()).isEqualTo("no quorum: 1 of 4 peers alive, a majority needs 3");
	}

	@Test
	void followerNeverShowsALowerTermThanItKnows() {
		LeaderTracker tracker = tracker(3);
		tracker.update(Views.of(3, 4, NOW).says(2, T0, 2, 6).alive(4).build());
		assertThat(tracker.current().term()).isEqualTo(6);
		// 1 is back with its stale claim of term 5 and 2 has stepped down: 1 will move to
		// 7
		Optional<LeaderChangedEvent> change = tracker
			.update(Views.of(3, 4, NOW).says(1, T0, 1, 5).says(2, T0, 1, 5).alive(4).build());
		assertThat(change).hasValueSatisfying((event) -> assertThat(event.current().term()).isEqualTo(7));
		tracker.update(Views.of(3, 4, NOW).says(1, T0, 1, 5).says(2, T0, 1, 5).alive(4).build());
		assertThat(tracker.current().term()).as("a stale claim does not lower it").isEqualTo(7);
		tracker.update(Views.of(3, 4, NOW).says(1, T0, 1, 7).says(2, T0, 1, 7).alive(4).build());
		assertThat(tracker.current().term()).isEqualTo(7);
	}

	@Test
	void leaderTakesTheTermItsFollowersExpect() {
		LeaderTracker tracker = tracker(1);
		tracker.update(Views.of(1, 4, NOW).alive(2, 3).build());
		assertThat(tracker.current().term()).isEqualTo(1);
		assertThat(tracker.update(Views.of(1, 4, NOW).says(2, T0, 1, 4).says(3, T0, 1, 4).build())).isEmpty();
		assertThat(tracker.current().term()).isEqualTo(4);
	}

}

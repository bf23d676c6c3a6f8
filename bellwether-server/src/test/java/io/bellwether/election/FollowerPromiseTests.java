package io.bellwether.election;

import io.bellwether.membership.FailureCause;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.protocol.PeerView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.bellwether.election.Views.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The follower's promise as a table: peer 3 of four last named peer 2; peer 2 is in some
 * state; may peer 3 name a candidate now?
 */
class FollowerPromiseTests {

	@ParameterizedTest(name = "2 {0}, candidate {1} -> {2}")
	@CsvSource({ "claims, 1, false", "claims, 3, false", "claims, 2, true", "claims, -1, true", "follows-1, 1, true",
			"follows-none, 1, true", "timed-out, 1, true", "crashed, 1, true", "left, 1, true" })
	void table(String two, int candidate, boolean allowed) {
		Views views = Views.of(3, 4, T0.plusSeconds(60)).alive(1, 4);
		switch (two) {
			case "claims" -> views.says(2, T0, 2, 5);
			case "follows-1" -> views.says(2, T0, 1, 6);
			case "follows-none" -> views.says(2, T0, PeerView.NO_LEADER, 5);
			case "timed-out" -> views.dead(2, FailureCause.TIMEOUT);
			case "crashed" -> views.dead(2, FailureCause.CONNECTION_LOST);
			default -> views.dead(2, FailureCause.LEAVE);
		}
		MembershipSnapshot view = views.build();
		FollowerPromise promise = new FollowerPromise(3);
		promise.following(2);
		assertThat(promise.allows(candidate, view)).isEqualTo(allowed);
	}

	@ParameterizedTest(name = "no promise yet / to itself: candidate {0} allowed")
	@CsvSource({ "1", "2", "3" })
	void noPromiseToAnotherPeerAllowsAnyone(int candidate) {
		MembershipSnapshot view = Views.of(3, 4, T0.plusSeconds(60)).says(2, T0, 2, 5).build();
		FollowerPromise fresh = new FollowerPromise(3);
		assertThat(fresh.allows(candidate, view)).isTrue();
		FollowerPromise ledItself = new FollowerPromise(3);
		ledItself.following(3);
		ledItself.following(PeerView.NO_LEADER);
		assertThat(ledItself.holder()).isEqualTo(3);
		assertThat(ledItself.allows(candidate, view)).isTrue();
	}

}

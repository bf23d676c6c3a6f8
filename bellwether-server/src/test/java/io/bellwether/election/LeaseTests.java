package io.bellwether.election;

import java.time.Duration;
import java.util.List;

import io.bellwether.protocol.PeerView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leader lease as a table: peer 1 of a group of five (it needs two others), timeout 2
 * s, so one follower's support lasts 1960 ms after the echoed send time. Peer 1 claims at
 * t = 1000 in term 7.
 */
class LeaseTests {

	private static final PeerView FOLLOWS_1_TERM_7 = new PeerView(1, 7, List.of(1, 2, 3));

	@Test
	void supportLastsTimeoutTimesOneMinusTwiceTheDrift() {
		assertThat(Lease.duration(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(1960));
		assertThat(Lease.duration(Duration.ofMillis(1000))).isEqualTo(Duration.ofMillis(980));
	}

	/**
	 * {@code supports}: per other peer "id:leader:term:echo"; {@code at}: when asked;
	 * {@code valid}: the answer; {@code expiry}: when it ends (-1: no lease).
	 */
	@ParameterizedTest(name = "[{0}] at {1} -> valid {2}, expiry {3}")
	@CsvSource({ "'', 1000, false, -1", "'2:1:7:1000', 1000, false, -1", "'2:1:7:1000 3:1:7:1000', 2959, true, 2960",
			"'2:1:7:1000 3:1:7:1000', 2960, false, 2960", "'2:1:7:1000 3:1:7:1500 4:1:7:1200', 3159, true, 3160",
			"'2:1:7:999 3:1:7:1500', 1600, false, -1", "'2:2:7:1500 3:1:7:1500', 1600, false, -1",
			"'2:1:6:1500 3:1:7:1500', 1600, false, -1", "'2:0:0:1500 3:1:7:1500 4:1:7:1100', 3059, true, 3060" })
	void table(String supports, long at, boolean valid, long expiry) {
		Lease lease = new Lease(1, Duration.ofSeconds(2), 5);
		lease.claim(1000, 7);
		for (String support : supports.trim().split(" ")) {
			if (!support.isEmpty()) {
				String[] field = support.split(":");
				lease.heard(Integer.parseInt(field[0]),
						new PeerView(Integer.parseInt(field[1]), Long.parseLong(field[2]), List.of()),
						Long.parseLong(field[3]));
			}
		}
		assertThat(lease.valid(at)).isEqualTo(valid);
		assertThat(lease.expiry()).isEqualTo((expiry < 0) ? Long.MIN_VALUE : expiry);
	}

	@Test
	void aFollowersLaterFrameThatNamesAnotherLeaderWithdrawsItsSupport() {
		Lease lease = new Lease(1, Duration.ofSeconds(2), 3);
		lease.claim(1000, 7);
		lease.heard(2, FOLLOWS_1_TERM_7, 1100);
		assertThat(lease.valid(1200)).isTrue();
		lease.heard(2, new PeerView(3, 8, List.of(2, 3)), 1200);
		assertThat(lease.valid(1200)).isFalse();
	}

	@Test
	void endsWithTheClaimAndANewClaimNeedsNewEchoes() {
		Lease lease = new Lease(1, Duration.ofSeconds(2), 3);
		lease.claim(1000, 7);
		lease.heard(2, FOLLOWS_1_TERM_7, 1100);
		lease.release();
		assertThat(lease.valid(1200)).isFalse();
		lease.claim(1300, 7);
		lease.heard(2, FOLLOWS_1_TERM_7, 1100);
		assertThat(lease.valid(1400)).as("an echo of a frame sent before this claim").isFalse();
		lease.heard(2, FOLLOWS_1_TERM_7, 1300);
		assertThat(lease.valid(1400)).isTrue();
	}

	@Test
	void aNewTermNeedsSupportInThatTerm() {
		Lease lease = new Lease(1, Duration.ofSeconds(2), 3);
		lease.claim(1000, 7);
		lease.heard(2, FOLLOWS_1_TERM_7, 1100);
		lease.claim(1200, 8);
		assertThat(lease.valid(1200)).isFalse();
		lease.heard(2, new PeerView(1, 8, List.of(1, 2)), 1100);
		assertThat(lease.valid(1200)).as("same claim, so the echo still counts").isTrue();
	}

	@Test
	void aGroupOfOneNeedsNoSupport() {
		Lease lease = new Lease(1, Duration.ofSeconds(2), 1);
		assertThat(lease.valid(0)).isFalse();
		lease.claim(0, 1);
		assertThat(lease.valid(Long.MAX_VALUE - 1)).isTrue();
	}

}

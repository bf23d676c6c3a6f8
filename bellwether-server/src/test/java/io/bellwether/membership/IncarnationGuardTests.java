package io.bellwether.membership;

import io.bellwether.membership.PeerRegistry.Acceptance;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.PeerView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which frames of one peer count, as a table: the guard has accepted incarnation 100 up
 * to sequence 5, then something happened, then a frame arrives.
 */
class IncarnationGuardTests {

	@ParameterizedTest(name = "{0}; frame {1}/{2}, alive {3} -> {4}")
	@CsvSource({ "nothing, 100, 6, true, ACCEPTED", "nothing, 100, 5, true, STALE", "nothing, 100, 4, true, STALE",
			"nothing, 99, 50, true, STALE", "nothing, 101, 0, true, CONFLICT", "nothing, 101, 0, false, ACCEPTED",
			"crashed, 100, 6, false, STALE", "crashed, 101, 0, false, ACCEPTED",
			"crashed-reachable, 100, 6, false, ACCEPTED", "left, 100, 6, false, STALE", "left, 100, 6, true, STALE",
			"left, 101, 0, false, ACCEPTED" })
	void table(String before, long incarnation, long sequence, boolean alive, Acceptance expected) {
		IncarnationGuard guard = new IncarnationGuard();
		guard.accept(Frame.heartbeat(2, 100, 5, PeerView.EMPTY));
		switch (before) {
			case "crashed" -> guard.crashed();
			case "crashed-reachable" -> {
				guard.crashed();
				guard.reachable();
			}
			case "left" -> guard.accept(Frame.leave(2, 100, 5, PeerView.EMPTY));
			default -> {
			}
		}
		assertThat(guard.check(Frame.heartbeat(2, incarnation, sequence, PeerView.EMPTY), alive)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "a new life {0} starts over: sequence {1} -> {2}")
	@CsvSource({ "101, 0, ACCEPTED", "101, 1, ACCEPTED" })
	void aNewLifeStartsItsSequenceOver(long incarnation, long sequence, Acceptance expected) {
		IncarnationGuard guard = new IncarnationGuard();
		guard.accept(Frame.heartbeat(2, 100, 500, PeerView.EMPTY));
		guard.crashed();
		guard.accept(Frame.heartbeat(2, incarnation, 0, PeerView.EMPTY));
		assertThat(guard.incarnation()).isEqualTo(incarnation);
		assertThat(guard.check(Frame.heartbeat(2, incarnation, sequence + 1, PeerView.EMPTY), true))
			.isEqualTo(expected);
	}

}

package io.bellwether.membership;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flap history as a table: a 60 s window, failures at the given seconds, counted at a
 * later second. Counting twice gives the same answer (it changes nothing).
 */
class FailureHistoryTests {

	private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

	@ParameterizedTest(name = "failures at [{0}] s, counted at {1} s -> {2}")
	@CsvSource({ "'', 0, 0", "'0', 0, 1", "'0', 60, 1", "'0', 61, 0", "'0 10 20', 30, 3", "'0 10 20', 65, 2",
			"'0 10 20', 81, 0", "'0 70', 75, 1" })
	void table(String at, long countAt, int expected) {
		FailureHistory history = new FailureHistory(Duration.ofSeconds(60));
		for (String second : at.trim().split(" ")) {
			if (!second.isEmpty()) {
				history.record(T0.plusSeconds(Long.parseLong(second)));
			}
		}
		assertThat(history.count(T0.plusSeconds(countAt))).isEqualTo(expected);
		assertThat(history.count(T0.plusSeconds(countAt))).as("reading changes nothing").isEqualTo(expected);
	}

}

package io.bellwether.membership;

import java.time.Duration;
import java.time.Instant;

import io.bellwether.membership.SelfPause.Pause;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our own pauses as a table: interval 500 ms, timeout 2 s; one run at t = 0, the next
 * after a gap.
 */
class SelfPauseTests {

	private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

	@ParameterizedTest(name = "gap {0} ms -> {1}, grace at +{2} ms: {3}")
	@CsvSource({ "50, NONE, 0, false", "1000, NONE, 0, false", "1001, SHORT, 0, true", "1001, SHORT, 499, true",
			"1001, SHORT, 500, false", "1999, SHORT, 100, true", "2000, LONG, 0, true", "9000, LONG, 500, false" })
	void table(long gap, Pause expected, long after, boolean inGrace) {
		SelfPause pause = new SelfPause(Duration.ofMillis(500), Duration.ofSeconds(2));
		assertThat(pause.run(T0)).isEqualTo(Pause.NONE);
		Instant now = T0.plusMillis(gap);
		assertThat(pause.run(now)).isEqualTo(expected);
		assertThat(pause.lastGap()).isEqualTo(Duration.ofMillis(gap));
		assertThat(pause.inGrace(now.plusMillis(after))).isEqualTo(inGrace);
	}

}

package io.bellwether.membership;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The silence detector as a table: timeout 2 s, last frame at t = 0 (or never).
 */
class FailureDetectorTests {

	private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

	@ParameterizedTest(name = "heard {0}, now +{1} ms -> silent {2}")
	@CsvSource({ "true, 0, false", "true, 1999, false", "true, 2000, true", "true, 5000, true", "false, 0, true",
			"false, 10, true" })
	void silentFromExactlyOneTimeoutAfterTheLastFrame(boolean heard, long millis, boolean silent) {
		FailureDetector detector = new FailureDetector(Duration.ofSeconds(2));
		if (heard) {
			detector.heartbeat(T0);
		}
		assertThat(detector.silent(T0.plusMillis(millis))).isEqualTo(silent);
		assertThat(detector.heardSince(T0)).isEqualTo(heard);
		assertThat(detector.heardSince(T0.plusMillis(1))).isFalse();
	}

}

package io.bellwether.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery as a table: timeout 2 s, started at t = 0 (or not at all), some of three
 * other peers heard since.
 */
class DiscoveryTests {

	private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

	@ParameterizedTest(name = "started {0}, whole timeout {1}, heard {2} of 3, at +{3} ms -> {4}")
	@CsvSource({ "false, false, 3, 99999, true", "true, false, 0, 0, true", "true, false, 2, 1999, true",
			"true, false, 3, 0, false", "true, false, 0, 2000, false", "true, true, 3, 0, true",
			"true, true, 3, 1999, true", "true, true, 3, 2000, false", "true, true, 0, 2000, false" })
	void table(boolean started, boolean whole, int heard, long at, boolean discovering) {
		Discovery discovery = new Discovery(Duration.ofSeconds(2), whole);
		if (started) {
			discovery.start(T0);
		}
		List<Boolean> heardSince = List.of(heard >= 1, heard >= 2, heard >= 3);
		assertThat(discovery.discovering(T0.plusMillis(at), heardSince)).isEqualTo(discovering);
	}

	@ParameterizedTest(name = "a group of one never discovers (started {0})")
	@CsvSource({ "true", "false" })
	void aGroupOfOneNeverDiscovers(boolean started) {
		Discovery discovery = new Discovery(Duration.ofSeconds(2), true);
		if (started) {
			discovery.start(T0);
		}
		assertThat(discovery.discovering(T0, List.of())).isFalse();
	}

}

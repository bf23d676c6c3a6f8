package io.bellwether.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link StartupLog}.
 */
class StartupLogTests {

	@Test
	void theLastStartOfTheLogCounts() {
		String log = "12:00:00.000  INFO [main] i.b.BellwetherApplication : Started BellwetherApplication in 2.1 "
				+ "seconds (process running for 2.5)\n----- started at 2026-12-02T12:01:00Z -----\n"
				+ "12:01:03.000  INFO [main] i.b.BellwetherApplication : Started BellwetherApplication in 1.234 "
				+ "seconds (process running for 1.678)\n";
		assertThat(StartupLog.readyMillis(log).getAsDouble()).isCloseTo(1678, within(0.001));
	}

	@Test
	void notReadyYet() {
		assertThat(StartupLog.readyMillis("Starting BellwetherApplication using Java 17")).isEmpty();
	}

}

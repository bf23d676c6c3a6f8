package io.bellwether.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReadyTimeTests {

	@Test
	void theReadyTimeOfTheExposition() {
		String exposition = "# HELP application_ready_time_seconds Time taken for the application to be ready\n"
				+ "# TYPE application_ready_time_seconds gauge\n"
				+ "application_ready_time_seconds{main_application_class=\"io.bellwether.BellwetherApplication\"} 0.734\n"
				+ "bellwether_leader_id 1.0\n";
		assertThat(ReadyTime.millis(exposition).getAsDouble()).isCloseTo(734, within(0.001));
	}

	@Test
	void notReadyYet() {
		assertThat(ReadyTime.millis("bellwether_leader_id -1.0\n")).isEmpty();
	}

}

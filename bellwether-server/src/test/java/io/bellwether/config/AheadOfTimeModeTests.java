package io.bellwether.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AheadOfTimeModeTests {

	@Test
	void onWhenTheGeneratedInitializerIsPresentAndNothingWasSaid() {
		assertThat(AheadOfTimeMode.decide(Map.<String, String>of()::get, AheadOfTimeMode.INITIALIZER::equals)).isTrue();
	}

	@Test
	void offWithoutGeneratedClasses() {
		assertThat(AheadOfTimeMode.decide(Map.<String, String>of()::get, (name) -> false)).isFalse();
	}

	@Test
	void anExplicitSettingIsLeftAsGiven() {
		assertThat(AheadOfTimeMode.decide(Map.of(AheadOfTimeMode.PROPERTY, "false")::get, (name) -> true)).isFalse();
	}

	@Test
	void offWhileSpringGeneratesTheCode() {
		assertThat(AheadOfTimeMode.decide(Map.of(AheadOfTimeMode.PROCESSING, "true")::get, (name) -> true)).isFalse();
	}

}

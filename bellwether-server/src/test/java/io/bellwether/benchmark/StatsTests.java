package io.bellwether.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link Stats}.
 */
class StatsTests {

	@Test
	void nearestRankPercentilesOfTenValues() {
		Stats stats = new Stats();
		for (int value : new int[] { 900, 100, 300, 200, 500, 400, 700, 600, 1000, 800 }) {
			stats.add(value);
		}
		assertThat(stats.count()).isEqualTo(10);
		assertThat(stats.min()).isCloseTo(100, within(0.5));
		assertThat(stats.median()).isCloseTo(500, within(0.5));
		assertThat(stats.p95()).isCloseTo(1000, within(1.0));
		assertThat(stats.max()).isCloseTo(1000, within(1.0));
	}

	@Test
	void fractionsAreKept() {
		Stats stats = new Stats();
		stats.add(0.25);
		stats.add(12.5);
		assertThat(stats.min()).isCloseTo(0.25, within(0.001));
		assertThat(stats.max()).isCloseTo(12.5, within(0.02));
	}

	@Test
	void noValuesGiveZeros() {
		Stats stats = new Stats();
		assertThat(stats.count()).isZero();
		assertThat(stats.median()).isZero();
		assertThat(stats.p95()).isZero();
	}

}

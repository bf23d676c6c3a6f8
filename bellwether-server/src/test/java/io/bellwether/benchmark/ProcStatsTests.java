package io.bellwether.benchmark;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link ProcStats}' parsing.
 */
class ProcStatsTests {

	@Test
	void rssFromStatus() {
		String status = "Name:\tjava\nVmPeak:\t 3000000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t  100000 kB\n";
		assertThat(ProcStats.kilobytes(status, "VmRSS")).hasValue(123456);
		assertThat(ProcStats.kilobytes(status, "VmSwap")).isEmpty();
	}

	@Test
	void pssFromSmapsRollup() {
		String rollup = "55d0c0000000-7ffd00000000 ---p 00000000 00:00 0    [rollup]\nRss:              120000 kB\n"
				+ "Pss:               98765 kB\nPss_Anon:          80000 kB\n";
		assertThat(ProcStats.kilobytes(rollup, "Pss")).hasValue(98765);
	}

	@Test
	void cpuTicksCountFieldsAfterTheCommandName() {
		String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 9000 0 0 0 250 50 0 0 20 0 40 0 123 0 0";
		assertThat(ProcStats.cpuTicks(stat)).isEqualTo(OptionalLong.of(300));
		assertThat(ProcStats.cpuTicks("garbage")).isEmpty();
	}

	@Test
	void percentOfOneCore() {
		assertThat(ProcStats.percentOfOneCore(100, 150, 10_000_000_000L)).isCloseTo(5.0, within(1e-9));
	}

}

package io.bellwether.benchmark;

import org.junit.jupiter.api.Test;

/**
 * The benchmark as a JUnit entry point for Maven's {@code benchmark} profile (a failsafe
 * execution of its own; the name matches no default include, so the normal build only
 * compiles it). Prints figures; asserts nothing.
 */
class BenchmarkRun {

	@Test
	void run() throws Exception {
		Benchmark.main(new String[0]);
	}

}

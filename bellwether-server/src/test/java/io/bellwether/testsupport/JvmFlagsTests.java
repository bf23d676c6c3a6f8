package io.bellwether.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JvmFlagsTests {

	@Test
	void commentsAndBlankLinesAreSkipped() {
		assertThat(JvmFlags.parse("# heading\n\n-Xss512k   # trailing\n-Xms16m -Xmx64m\n")).containsExactly("-Xss512k",
				"-Xms16m", "-Xmx64m");
	}

	@Test
	void theProjectFileHoldsOnlyFlags() {
		assertThat(JvmFlags.standard()).isNotEmpty()
			.allMatch((flag) -> flag.startsWith("-X") || flag.startsWith("-D"))
			.contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
	}

}

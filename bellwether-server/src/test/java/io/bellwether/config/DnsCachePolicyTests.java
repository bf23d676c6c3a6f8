package io.bellwether.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DnsCachePolicy}: short caching by default, the {@code -D} flags
 * honoured (the JDK's security file would otherwise override the negative one).
 */
class DnsCachePolicyTests {

	/** What the JDK's java.security sets. */
	private static final Map<String, String> JDK = Map.of(DnsCachePolicy.NEGATIVE_TTL, "10");

	@Test
	void defaultsAreFiveSecondsAndNoNegativeCaching() {
		assertThat(DnsCachePolicy.decide((name) -> null, JDK::get)).containsExactly(Map.entry(DnsCachePolicy.TTL, "5"),
				Map.entry(DnsCachePolicy.NEGATIVE_TTL, "0"));
	}

	@Test
	void systemPropertiesWin() {
		Map<String, String> flags = Map.of(DnsCachePolicy.TTL_FLAG, "30", DnsCachePolicy.NEGATIVE_TTL_FLAG, " 2 ");
		assertThat(DnsCachePolicy.decide(flags::get, JDK::get)).containsExactly(Map.entry(DnsCachePolicy.TTL, "30"),
				Map.entry(DnsCachePolicy.NEGATIVE_TTL, "2"));
	}

	@Test
	void aConfiguredPositiveTtlIsKept() {
		Map<String, String> security = Map.of(DnsCachePolicy.TTL, "60", DnsCachePolicy.NEGATIVE_TTL, "10");
		assertThat(DnsCachePolicy.decide((name) -> null, security::get))
			.containsExactly(Map.entry(DnsCachePolicy.NEGATIVE_TTL, "0"));
	}

}

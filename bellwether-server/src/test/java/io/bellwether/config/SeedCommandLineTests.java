package io.bellwether.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SeedCommandLine}: {@code <id> <host> <port> ...} triples, the first
 * one this peer, with Spring options mixed in anywhere.
 */
class SeedCommandLineTests {

	@Test
	void turnsTriplesIntoSelfIdAndPeers() {
		assertThat(SeedCommandLine.toSpringArguments("1", "127.0.0.1", "7001", "2", "127.0.0.1", "7002", "3",
				"127.0.0.1", "7003", "4", "127.0.0.1", "7004"))
			.containsExactly("--bellwether.self-id=1",
					"--bellwether.peers=1@127.0.0.1:7001,2@127.0.0.1:7002,3@127.0.0.1:7003,4@127.0.0.1:7004");
	}

	@Test
	void firstTripleIsThisPeerEvenWhenItsIdIsNotTheLowest() {
		assertThat(SeedCommandLine.toSpringArguments("3", "h3", "7003", "1", "h1", "7001"))
			.containsExactly("--bellwether.self-id=3", "--bellwether.peers=3@h3:7003,1@h1:7001");
	}

	@Test
	void optionsMayBeMixedInAnywhere() {
		assertThat(SeedCommandLine.toSpringArguments("1", "127.0.0.1", "7001", "--server.port=8081", "2", "127.0.0.1",
				"7002"))
			.containsExactly("--bellwether.self-id=1", "--bellwether.peers=1@127.0.0.1:7001,2@127.0.0.1:7002",
					"--server.port=8081");
	}

	@Test
	void optionsKeepTheirOrderBeforeInsideAndAfterTheTriples() {
		assertThat(
				SeedCommandLine.toSpringArguments("--a=1", "1", "h", "7001", "--b=2", "2", "h", "--c=3", "7002", "--d"))
			.containsExactly("--bellwether.self-id=1", "--bellwether.peers=1@h:7001,2@h:7002", "--a=1", "--b=2",
					"--c=3", "--d");
	}

	@Test
	void withoutPositionalWordsOptionsPassThroughUnchanged() {
		assertThat(SeedCommandLine.toSpringArguments("--bellwether.self-id=2", "--bellwether.peers=1@h:7001,2@h:7002",
				"--server.port=8082"))
			.containsExactly("--bellwether.self-id=2", "--bellwether.peers=1@h:7001,2@h:7002", "--server.port=8082");
	}

	@Test
	void noArgumentsGiveNoArguments() {
		assertThat(SeedCommandLine.toSpringArguments()).isEmpty();
	}

	@Test
	void blankWordsAreIgnored() {
		assertThat(SeedCommandLine.toSpringArguments("", "1", " ", "h", "7001"))
			.containsExactly("--bellwether.self-id=1", "--bellwether.peers=1@h:7001");
	}

	@Test
	void aSingleTripleIsAGroupOfOne() {
		assertThat(SeedCommandLine.toSpringArguments("1", "127.0.0.1", "7001"))
			.containsExactly("--bellwether.self-id=1", "--bellwether.peers=1@127.0.0.1:7001");
	}

	@Test
	void rejectsAnOddNumberOfWords() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> SeedCommandLine.toSpringArguments("1", "127.0.0.1", "7001", "2", "127.0.0.1",
					"--server.port=8081"))
			.withMessage("expected '<id> <host> <port>' triples, the first one this peer, but got 5 positional words: "
					+ "1 127.0.0.1 7001 2 127.0.0.1");
	}

	@Test
	void rejectsASingleWord() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> SeedCommandLine.toSpringArguments("7001"))
			.withMessageContaining("but got 1 positional words: 7001");
	}

	@Test
	void rejectsANonIntegerId() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> SeedCommandLine.toSpringArguments("1", "h", "7001", "two", "h", "7002"))
			.withMessage("peer id must be an integer, got 'two'");
	}

	@Test
	void rejectsHostAndPortInTheWrongOrder() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> SeedCommandLine.toSpringArguments("1", "7001", "127.0.0.1"))
			.withMessage("port of peer 1 must be an integer, got '127.0.0.1'");
	}

	@Test
	void rejectsAPortOutOfRange() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> SeedCommandLine.toSpringArguments("1", "h", "7001", "2", "h", "70002"))
			.withMessage("peer 2 port 70002 is out of range 1-65535");
	}

	@Test
	void acceptsTheSeedsNumberingFromZero() {
		assertThat(SeedCommandLine.toSpringArguments("0", "127.0.0.1", "7000", "1", "127.0.0.1", "7001", "2",
				"127.0.0.1", "7002"))
			.containsExactly("--bellwether.self-id=0",
					"--bellwether.peers=0@127.0.0.1:7000,1@127.0.0.1:7001,2@127.0.0.1:7002");
		assertThat(SeedCommandLine.toSpringArguments("2", "h", "7002", "3", "h", "7003", "0", "h", "7000"))
			.containsExactly("--bellwether.self-id=2", "--bellwether.peers=2@h:7002,3@h:7003,0@h:7000");
	}

	@Test
	void rejectsANegativeIdOfThisPeer() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> SeedCommandLine.toSpringArguments("-1", "h", "7000", "1", "h", "7001"))
			.withMessage("peer id must be a non-negative integer, got -1");
	}

	@Test
	void rejectsANegativeIdAsAnIdNotAsAnOption() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> SeedCommandLine.toSpringArguments("1", "h", "7001", "-2", "h", "7002"))
			.withMessage("peer id must be a non-negative integer, got -2");
	}

	@Test
	void rejectsANegativePortAsAPortNotAsAnOption() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> SeedCommandLine.toSpringArguments("1", "h", "-7001"))
			.withMessage("peer 1 port -7001 is out of range 1-65535");
	}

}

package io.bellwether.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PeerAddress}: the {@code id@host:port} property form and the three
 * words of the seed command line.
 */
class PeerAddressTests {

	@Test
	void parsesIdHostPort() {
		assertThat(PeerAddress.valueOf("2@10.0.0.2:7002")).isEqualTo(new PeerAddress(2, "10.0.0.2", 7002));
	}

	@Test
	void parsesHostNames() {
		assertThat(PeerAddress.valueOf("3@peer-3.bellwether.svc:7003"))
			.isEqualTo(new PeerAddress(3, "peer-3.bellwether.svc", 7003));
	}

	@Test
	void ignoresSurroundingWhitespace() {
		assertThat(PeerAddress.valueOf("  1@127.0.0.1:7001 \t")).isEqualTo(new PeerAddress(1, "127.0.0.1", 7001));
	}

	@Test
	void portIsAfterTheLastColonSoBracketedIpv6Works() {
		assertThat(PeerAddress.valueOf("4@[::1]:7004")).isEqualTo(new PeerAddress(4, "[::1]", 7004));
	}

	@Test
	void acceptsTheEndsOfThePortRange() {
		assertThat(PeerAddress.valueOf("1@h:1").port()).isEqualTo(1);
		assertThat(PeerAddress.valueOf("1@h:65535").port()).isEqualTo(65535);
	}

	@Test
	void toStringIsThePropertyForm() {
		PeerAddress address = new PeerAddress(2, "127.0.0.1", 7002);
		assertThat(address).hasToString("2@127.0.0.1:7002");
		assertThat(PeerAddress.valueOf(address.toString())).isEqualTo(address);
	}

	@Test
	void buildsFromTheSeedWords() {
		assertThat(PeerAddress.of("1", "127.0.0.1", "7001")).isEqualTo(new PeerAddress(1, "127.0.0.1", 7001));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "2", "2@", "@h:7002", "2@h", "2@h:", "2@:7002", "h:7002", "2:h@7002" })
	void rejectsTextNotOfTheFormIdAtHostColonPort(String text) {
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(() -> PeerAddress.valueOf(text))
			.withMessage("peer '" + text + "' is not of the form id@host:port (e.g. 2@127.0.0.1:7002)");
	}

	@Test
	void rejectsANonIntegerId() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> PeerAddress.valueOf("two@h:7002"))
			.withMessage("peer id must be an integer, got 'two'");
	}

	@Test
	void rejectsANonIntegerPort() {
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(() -> PeerAddress.valueOf("2@h:http"))
			.withMessage("port of peer 2 must be an integer, got 'http'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "65536", "-1", "99999" })
	void rejectsAPortOutOfRange(String port) {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> PeerAddress.valueOf("2@h:" + port))
			.withMessage("peer 2 port " + port + " is out of range 1-65535");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "-3", "-2147483648" })
	void rejectsANegativeId(String id) {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> PeerAddress.valueOf(id + "@h:7002"))
			.withMessage("peer id must be a non-negative integer, got " + id);
	}

	@Test
	void acceptsIdZero() {
		assertThat(PeerAddress.valueOf("0@127.0.0.1:7000")).isEqualTo(new PeerAddress(0, "127.0.0.1", 7000));
		assertThat(PeerAddress.of("0", "h", "7000").id()).isZero();
	}

	@Test
	void rejectsAHostWithWhitespace() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> PeerAddress.valueOf("2@my host:7002"))
			.withMessage("peer 2 has no valid host");
	}

	@Test
	void rejectsABlankHost() {
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(() -> new PeerAddress(2, " ", 7002))
			.withMessage("peer 2 has no valid host");
	}

	@Test
	void invalidConfigurationIsAnIllegalArgument() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> PeerAddress.valueOf("nonsense"))
			.isInstanceOf(InvalidConfigurationException.class);
	}

}

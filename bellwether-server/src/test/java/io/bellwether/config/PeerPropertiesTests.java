package io.bellwether.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for binding and validating {@link PeerProperties}.
 */
class PeerPropertiesTests {

	private static final String GROUP = "bellwether.peers=1@127.0.0.1:7001,2@127.0.0.1:7002,3@h3:7003";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsTheGroupWithDefaults() {
		this.runner.withPropertyValues("bellwether.self-id=2", GROUP).run((context) -> {
			assertThat(context).hasNotFailed();
			PeerProperties properties = context.getBean(PeerProperties.class);
			assertThat(properties.selfId()).isEqualTo(2);
			assertThat(properties.group()).containsExactly(new PeerAddress(1, "127.0.0.1", 7001),
					new PeerAddress(2, "127.0.0.1", 7002), new PeerAddress(3, "h3", 7003));
			assertThat(properties.others()).containsExactly(new PeerAddress(1, "127.0.0.1", 7001),
					new PeerAddress(3, "h3", 7003));
			assertThat(properties.bindPort()).isEqualTo(7002);
			assertThat(properties.bindAddress()).isEqualTo("0.0.0.0");
			assertThat(properties.heartbeat().interval()).isEqualTo(Duration.ofMillis(500));
			assertThat(properties.heartbeat().timeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.heartbeat().connectTimeout()).isEqualTo(Duration.ofMillis(500));
			assertThat(properties.election().quorum()).isEqualTo(QuorumMode.NONE);
			assertThat(properties.election().rejoinHold()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.secret()).isEmpty();
		});
	}

	@Test
	void sortsTheGroupById() {
		this.runner.withPropertyValues("bellwether.self-id=2", "bellwether.peers=3@h3:7003, 2@h2:7002 ,1@h1:7001")
			.run((context) -> {
				PeerProperties properties = context.getBean(PeerProperties.class);
				assertThat(properties.group()).extracting(PeerAddress::id).containsExactly(1, 2, 3);
				assertThat(properties.others()).extracting(PeerAddress::id).containsExactly(1, 3);
			});
	}

	@Test
	void addsSelfWhenAbsentFromTheListAndTheBindPortIsSet() {
		this.runner.withPropertyValues("bellwether.self-id=4", GROUP, "bellwether.bind-port=7004").run((context) -> {
			PeerProperties properties = context.getBean(PeerProperties.class);
			assertThat(properties.group()).extracting(PeerAddress::id).containsExactly(1, 2, 3, 4);
			assertThat(properties.group().get(3)).isEqualTo(new PeerAddress(4, "0.0.0.0", 7004));
			assertThat(properties.others()).extracting(PeerAddress::id).containsExactly(1, 2, 3);
			assertThat(properties.bindPort()).isEqualTo(7004);
		});
	}

	@Test
	void explicitBindPortWinsOverTheOwnEntry() {
		this.runner
			.withPropertyValues("bellwether.self-id=2", GROUP, "bellwether.bind-port=9002",
					"bellwether.bind-address=127.0.0.1")
			.run((context) -> {
				PeerProperties properties = context.getBean(PeerProperties.class);
				assertThat(properties.bindPort()).isEqualTo(9002);
				assertThat(properties.bindAddress()).isEqualTo("127.0.0.1");
				assertThat(properties.group()).contains(new PeerAddress(2, "127.0.0.1", 7002));
			});
	}

	@Test
	void bindsTunables() {
		this.runner
			.withPropertyValues("bellwether.self-id=1", GROUP, "bellwether.heartbeat.interval=100ms",
					"bellwether.heartbeat.timeout=1s", "bellwether.heartbeat.connect-timeout=250ms",
					"bellwether.election.quorum=majority", "bellwether.election.rejoin-hold=0s")
			.run((context) -> {
				PeerProperties properties = context.getBean(PeerProperties.class);
				assertThat(properties.heartbeat().interval()).isEqualTo(Duration.ofMillis(100));
				assertThat(properties.heartbeat().timeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.heartbeat().connectTimeout()).isEqualTo(Duration.ofMillis(250));
				assertThat(properties.election().quorum()).isEqualTo(QuorumMode.MAJORITY);
				assertThat(properties.election().rejoinHold()).isZero();
			});
	}

	@Test
	void bindsQuorumInAnyCase() {
		this.runner.withPropertyValues("bellwether.self-id=1", GROUP, "bellwether.election.quorum=MAJORITY")
			.run((context) -> assertThat(context.getBean(PeerProperties.class).election().quorum())
				.isEqualTo(QuorumMode.MAJORITY));
	}

	@Test
	void masksTheSecretInToString() {
		this.runner.withPropertyValues("bellwether.self-id=1", GROUP, "bellwether.secret=s3cr3t-value-0123456789")
			.run((context) -> {
				PeerProperties properties = context.getBean(PeerProperties.class);
				assertThat(properties.secret()).containsExactly("s3cr3t-value-0123456789");
				assertThat(properties.toString()).contains("secret=1 key(s) ******").doesNotContain("s3cr3t");
			});
	}

	@Test
	void secretIsAListOfKeysSigningKeyFirst() {
		this.runner
			.withPropertyValues("bellwether.self-id=1", GROUP,
					"bellwether.secret=new-key-0123456789abcdef, old-key-0123456789abcdef")
			.run((context) -> {
				PeerProperties properties = context.getBean(PeerProperties.class);
				assertThat(properties.secret()).containsExactly("new-key-0123456789abcdef", "old-key-0123456789abcdef");
				assertThat(properties.secretKeys()).hasSize(2);
				assertThat(properties.toString()).contains("secret=2 key(s) ******").doesNotContain("key-0123");
			});
	}

	@Test
	void failsOnAShortSecret() {
		assertFails("every bellwether.secret key must be at least 16 bytes long; one is 5", "bellwether.self-id=1",
				GROUP, "bellwether.secret=short");
	}

	@Test
	void blankSecretMeansUnset() {
		this.runner.withPropertyValues("bellwether.self-id=1", GROUP, "bellwether.secret= ").run((context) -> {
			PeerProperties properties = context.getBean(PeerProperties.class);
			assertThat(properties.secret()).isEmpty();
			assertThat(properties.toString()).contains("secret=unset");
		});
	}

	@Test
	void failsOnADuplicateId() {
		assertFails("duplicate peer id 2 in the peer list", "bellwether.self-id=1",
				"bellwether.peers=1@h:7001,2@h:7002,2@other:7003");
	}

	@Test
	void failsWhenSelfIsMissingAndNoBindPortIsSet() {
		assertFails("this peer (id 4) is missing from the peer list (1, 2, 3): add it, "
				+ "or set bellwether.bind-port to say where it listens", "bellwether.self-id=4", GROUP);
	}

	@Test
	void failsWithoutSelfId() {
		assertFails("this peer's id is not set: start with '<id> <host> <port> ...' "
				+ "or set bellwether.self-id (BELLWETHER_SELF_ID)", GROUP);
	}

	@Test
	void failsWithoutAnyConfiguration() {
		assertFails("this peer's id is not set: start with '<id> <host> <port> ...' "
				+ "or set bellwether.self-id (BELLWETHER_SELF_ID)");
	}

	@Test
	void failsOnANegativeSelfId() {
		assertFails("bellwether.self-id must be a non-negative integer, got -1", "bellwether.self-id=-1", GROUP);
	}

	@Test
	void failsOnANegativeIdInThePeerList() {
		assertFails("peer id must be a non-negative integer, got -1", "bellwether.self-id=0",
				"bellwether.peers=0@h:7000,-1@h:7001");
	}

	@Test
	void acceptsPeerZeroAsSelfAndInTheList() {
		this.runner.withPropertyValues("bellwether.self-id=0", "bellwether.peers=0@h0:7000,1@h1:7001,2@h2:7002")
			.run((context) -> {
				PeerProperties properties = context.getBean(PeerProperties.class);
				assertThat(properties.selfId()).isZero();
				assertThat(properties.group()).extracting(PeerAddress::id).containsExactly(0, 1, 2);
				assertThat(properties.others()).extracting(PeerAddress::id).containsExactly(1, 2);
				assertThat(properties.bindPort()).isEqualTo(7000);
			});
	}

	@Test
	void failsWithoutPeers() {
		assertFails("no peers configured: start with '<id> <host> <port> ...' or set bellwether.peers "
				+ "(BELLWETHER_PEERS), e.g. 1@127.0.0.1:7001,2@127.0.0.1:7002", "bellwether.self-id=1");
	}

	@Test
	void failsWhenIntervalIsNotShorterThanTimeout() {
		assertFails("bellwether.heartbeat.interval (2000ms) must be shorter than bellwether.heartbeat.timeout (2000ms)",
				"bellwether.self-id=1", GROUP, "bellwether.heartbeat.interval=2s");
		assertFails("bellwether.heartbeat.interval (3000ms) must be shorter than bellwether.heartbeat.timeout (1000ms)",
				"bellwether.self-id=1", GROUP, "bellwether.heartbeat.interval=3s", "bellwether.heartbeat.timeout=1s");
	}

	@Test
	void failsOnANonPositiveInterval() {
		assertFails("bellwether.heartbeat.interval must be positive, got 0ms", "bellwether.self-id=1", GROUP,
				"bellwether.heartbeat.interval=0ms");
		assertFails("bellwether.heartbeat.interval must be positive, got -500ms", "bellwether.self-id=1", GROUP,
				"bellwether.heartbeat.interval=-500ms");
	}

	@Test
	void failsOnANonPositiveConnectTimeout() {
		assertFails("bellwether.heartbeat.connect-timeout must be positive, got 0ms", "bellwether.self-id=1", GROUP,
				"bellwether.heartbeat.connect-timeout=0");
	}

	@Test
	void failsOnANegativeRejoinHold() {
		assertFails("bellwether.election.rejoin-hold must not be negative", "bellwether.self-id=1", GROUP,
				"bellwether.election.rejoin-hold=-1s");
	}

	@Test
	void failsOnAPeerPortOutOfRange() {
		assertFails("peer 2 port 70002 is out of range 1-65535", "bellwether.self-id=1",
				"bellwether.peers=1@h:7001,2@h:70002");
	}

	@Test
	void failsOnABindPortOutOfRange() {
		assertFails("bellwether.bind-port 65536 is out of range 1-65535", "bellwether.self-id=1", GROUP,
				"bellwether.bind-port=65536");
	}

	@Test
	void failsOnAMalformedPeer() {
		assertFails("peer '2@h' is not of the form id@host:port (e.g. 2@127.0.0.1:7002)", "bellwether.self-id=1",
				"bellwether.peers=1@h:7001,2@h");
	}

	private void assertFails(String message, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationException.class)
				.hasMessage(message);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PeerProperties.class)
	static class PropertiesConfiguration {

	}

}

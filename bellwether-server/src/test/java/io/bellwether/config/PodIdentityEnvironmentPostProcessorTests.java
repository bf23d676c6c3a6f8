package io.bellwether.config;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.bellwether.testsupport.PeerCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link PodIdentityEnvironmentPostProcessor} as Spring Boot loads it (from
 * {@code spring.factories}): the environment of a StatefulSet pod binds to a complete
 * {@link PeerProperties}, bad values fail with one line.
 */
class PodIdentityEnvironmentPostProcessorTests {

	@Test
	void podEnvironmentBindsToTheGroup() {
		try (ConfigurableApplicationContext context = run("HOSTNAME=bellwether-1", "bellwether.self-id=ordinal",
				"bellwether.discovery.replicas=3",
				"bellwether.discovery.host-pattern=bellwether-{ordinal}.bellwether-hb",
				"bellwether.discovery.port=7001")) {
			PeerProperties properties = context.getBean(PeerProperties.class);
			assertThat(properties.selfId()).isEqualTo(2);
			assertThat(properties.bindPort()).isEqualTo(7001);
			assertThat(properties.group()).containsExactly(new PeerAddress(1, "bellwether-0.bellwether-hb", 7001),
					new PeerAddress(2, "bellwether-1.bellwether-hb", 7001),
					new PeerAddress(3, "bellwether-2.bellwether-hb", 7001));
		}
	}

	@Test
	void explicitConfigurationIsUntouched() {
		try (ConfigurableApplicationContext context = run("HOSTNAME=bellwether-1", "bellwether.self-id=1",
				"bellwether.peers=1@a:7001,2@b:7002")) {
			PeerProperties properties = context.getBean(PeerProperties.class);
			assertThat(properties.selfId()).isEqualTo(1);
			assertThat(properties.group()).hasSize(2);
			assertThat(context.getEnvironment()
				.getPropertySources()
				.contains(PodIdentityEnvironmentPostProcessor.PROPERTY_SOURCE)).isFalse();
		}
	}

	@Test
	void aBadPodNameFailsWithOneLine() {
		assertFailsWith("invalid configuration: bellwether.self-id=ordinal: HOSTNAME 'laptop' does not end in "
				+ "-<ordinal> (StatefulSet pods are named <statefulset>-<ordinal>, e.g. bellwether-2 is peer 3)",
				"HOSTNAME=laptop", "bellwether.self-id=ordinal", "bellwether.peers=1@a:7001");
	}

	@Test
	void anUnreadableReplicaCountFailsWithOneLine() {
		assertFailsWith(
				"invalid configuration: bellwether.discovery.replicas='three' cannot be read as an integer "
						+ "(For input string: \"three\")",
				"HOSTNAME=bellwether-0", "bellwether.self-id=ordinal", "bellwether.discovery.replicas=three",
				"bellwether.discovery.host-pattern=b-{ordinal}");
	}

	@Test
	void aPodBeyondTheReplicasFailsWithOneLine() {
		assertFailsWith("invalid configuration: pod bellwether-3 is peer 4 but bellwether.discovery.replicas=3 "
				+ "allows ids 1-3: change the replicas of the StatefulSet and BELLWETHER_DISCOVERY_REPLICAS together",
				"HOSTNAME=bellwether-3", "bellwether.self-id=ordinal", "bellwether.discovery.replicas=3",
				"bellwether.discovery.host-pattern=b-{ordinal}");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"bellwether-3|3|invalid configuration: pod bellwether-3 is peer 4 but bellwether.discovery.replicas=3",
			"laptop|3|invalid configuration: bellwether.self-id=ordinal: HOSTNAME 'laptop' does not end in",
			"bellwether-0|three|invalid configuration: bellwether.discovery.replicas='three' cannot be read" })
	void theStandalonePeerStopsWithExactlyOneLine(String hostname, String replicas, String start) throws Exception {
		ProcessBuilder builder = PeerCommand.bare()
			.withEnvironment(
					Map.of("HOSTNAME", hostname, "BELLWETHER_SELF_ID", "ordinal", "BELLWETHER_DISCOVERY_REPLICAS",
							replicas, "BELLWETHER_DISCOVERY_HOST_PATTERN", "bellwether-{ordinal}.bellwether-hb"))
			.processBuilder(1)
			.redirectErrorStream(true);
		Process process = builder.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(output.lines()).singleElement().asString().startsWith("bellwether: cannot start: " + start);
	}

	private static void assertFailsWith(String description, String... properties) {
		assertThatThrownBy(() -> run(properties).close()).satisfies((failure) -> {
			String analysed = new ConfigurationFailureAnalyzer().analyze(failure).getDescription();
			assertThat(analysed).isEqualTo(description);
			assertThat(OneLineFailureReporter.oneLine(analysed)).isEqualTo(analysed);
		});
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(PropertiesConfiguration.class).web(WebApplicationType.NONE)
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PeerProperties.class)
	static class PropertiesConfiguration {

	}

}

package io.bellwether.config;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConfigurationFailureAnalyzer} and {@link OneLineFailureReporter}: bad
 * configuration ends start-up with one line naming the problem.
 */
class ConfigurationFailureAnalyzerTests {

	private static final String GROUP = "bellwether.peers=1@127.0.0.1:7001,2@127.0.0.1:7002";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	private final ConfigurationFailureAnalyzer analyzer = new ConfigurationFailureAnalyzer();

	@Test
	void describesInvalidConfiguration() {
		FailureAnalysis analysis = analyze("bellwether.self-id=1", "bellwether.peers=1@h:7001,2@h:7002,2@h:7003");
		assertThat(analysis.getDescription()).isEqualTo("invalid configuration: duplicate peer id 2 in the peer list");
		assertThat(analysis.getAction()).isNotBlank();
		assertThat(analysis.getCause()).isNotNull();
	}

	@Test
	void describesInvalidConfigurationFromAPeerEntry() {
		FailureAnalysis analysis = analyze("bellwether.self-id=1", "bellwether.peers=1@h:7001,2@h:0");
		assertThat(analysis.getDescription()).isEqualTo("invalid configuration: peer 2 port 0 is out of range 1-65535");
	}

	@Test
	void describesANegativeSelfId() {
		FailureAnalysis analysis = analyze("bellwether.self-id=-1", GROUP);
		assertThat(analysis.getDescription())
			.isEqualTo("invalid configuration: bellwether.self-id must be a non-negative integer, got -1");
	}

	@Test
	void describesANegativeIdInThePeerList() {
		FailureAnalysis analysis = analyze("bellwether.self-id=0", "bellwether.peers=0@h:7000,-1@h:7001");
		assertThat(analysis.getDescription())
			.isEqualTo("invalid configuration: peer id must be a non-negative integer, got -1");
	}

	@Test
	void acceptsPeerIdZero() {
		this.runner.withPropertyValues("bellwether.self-id=0", "bellwether.peers=0@h:7000,1@h:7001")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void describesAnUnknownQuorumMode() {
		FailureAnalysis analysis = analyze("bellwether.self-id=1", GROUP, "bellwether.election.quorum=sometimes");
		assertThat(analysis.getDescription())
			.isEqualTo("invalid configuration: bellwether.election.quorum='sometimes' is not one of none, majority");
	}

	@Test
	void describesAnUnreadableDuration() {
		FailureAnalysis analysis = analyze("bellwether.self-id=1", GROUP, "bellwether.heartbeat.interval=fast");
		assertThat(analysis.getDescription())
			.startsWith("invalid configuration: bellwether.heartbeat.interval='fast' cannot be read as a duration "
					+ "(e.g. 500ms, 2s)");
	}

	@Test
	void describesAnUnreadableInteger() {
		FailureAnalysis analysis = analyze("bellwether.self-id=one", GROUP);
		assertThat(analysis.getDescription())
			.startsWith("invalid configuration: bellwether.self-id='one' cannot be read as an integer");
	}

	@Test
	void ignoresFailuresUnrelatedToBellwether() {
		new ApplicationContextRunner().withUserConfiguration(BrokenConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(this.analyzer.analyze(context.getStartupFailure())).isNull();
		});
	}

	@Test
	void ignoresBindingFailuresOfOtherProperties() {
		new ApplicationContextRunner().withUserConfiguration(OtherPropertiesConfiguration.class)
			.withPropertyValues("other.interval=fast")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(this.analyzer.analyze(context.getStartupFailure())).isNull();
			});
	}

	@Test
	void ignoresBindingFailuresOfPropertiesThatOnlyStartWithTheSameWord() {
		new ApplicationContextRunner().withUserConfiguration(LookalikePropertiesConfiguration.class)
			.withPropertyValues("bellwether-tools.interval=fast")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(this.analyzer.analyze(context.getStartupFailure())).isNull();
			});
	}

	@Test
	void ignoresAFailureWithoutCause() {
		assertThat(this.analyzer.analyze(new IllegalStateException("boom"))).isNull();
	}

	@Test
	void reportsOneLine() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		new OneLineFailureReporter(out)
			.report(new FailureAnalysis("invalid configuration: duplicate peer id 2 in the peer list", "fix it", null));
		assertThat(bytes.toString(StandardCharsets.UTF_8))
			.isEqualTo("bellwether: cannot start: invalid configuration: duplicate peer id 2 in the peer list"
					+ System.lineSeparator());
	}

	@Test
	void reportsOneLineEvenWhenTheDescriptionHasSeveral() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		new OneLineFailureReporter(out)
			.report(new FailureAnalysis("\n  first line\r\n\tsecond line  \n\n third line\n", "fix it", null));
		String printed = bytes.toString(StandardCharsets.UTF_8);
		assertThat(printed.lines()).containsExactly("bellwether: cannot start: first line second line third line");
		assertThat(printed).endsWith(System.lineSeparator());
	}

	@Test
	void analysedFailureIsReportedAsOneLine() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		new OneLineFailureReporter(out)
			.report(analyze("bellwether.self-id=1", GROUP, "bellwether.heartbeat.interval=fast"));
		assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).singleElement()
			.asString()
			.startsWith("bellwether: cannot start: invalid configuration: bellwether.heartbeat.interval='fast'");
	}

	private FailureAnalysis analyze(String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = this.analyzer.analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).isNotNull();
		return analysis[0];
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PeerProperties.class)
	static class PropertiesConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenConfiguration {

		@Bean
		String broken() {
			throw new IllegalStateException("not about configuration");
		}

	}

	@ConfigurationProperties("other")
	record OtherProperties(Duration interval) {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(OtherProperties.class)
	static class OtherPropertiesConfiguration {

	}

	@ConfigurationProperties("bellwether-tools")
	record LookalikeProperties(Duration interval) {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LookalikeProperties.class)
	static class LookalikePropertiesConfiguration {

	}

}

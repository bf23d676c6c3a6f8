package io.bellwether.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.bellwether.BellwetherAutoConfiguration;
import io.bellwether.ClusterLeadership;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.integration.annotation.InboundChannelAdapter;
import org.springframework.integration.annotation.Poller;
import org.springframework.integration.annotation.Role;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessageSource;
import org.springframework.integration.leader.AbstractCandidate;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.support.SmartLifecycleRoleController;
import org.springframework.messaging.support.GenericMessage;

import static io.bellwether.BellwetherAutoConfigurationTests.alone;
import static io.bellwether.BellwetherAutoConfigurationTests.withoutQuorum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring Integration bridge: candidates granted and revoked with this peer's
 * leadership, {@code OnGrantedEvent}/{@code OnRevokedEvent} published, a real
 * {@code @Role} endpoint started only on the leader.
 */
class IntegrationLeaderAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(BellwetherAutoConfiguration.class, IntegrationLeaderAutoConfiguration.class));

	@Test
	void onlyWithSpringIntegration() {
		this.runner.withPropertyValues(alone())
			.withClassLoader(new FilteredClassLoader(Candidate.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BellwetherLeaderInitiator.class));
	}

	@Test
	void drivesTheApplicationsCandidatesAndPublishesGranted() {
		this.runner.withPropertyValues(alone()).withUserConfiguration(CandidateConfiguration.class).run((context) -> {
			RecordingCandidate candidate = context.getBean(RecordingCandidate.class);
			GrantedEvents events = context.getBean(GrantedEvents.class);
			await().atMost(WAIT).until(() -> candidate.calls.contains("granted leader=true"));
			await().atMost(WAIT).until(() -> events.roles.contains("cluster"));
			assertThat(context.getBean(BellwetherLeaderInitiator.class).candidates()).containsExactly(candidate);
			context.close();
			assertThat(candidate.calls).containsExactly("granted leader=true", "revoked leader=false");
		});
	}

	@Test
	void aRoleEndpointRunsOnlyOnTheLeader() {
		this.runner.withPropertyValues(alone()).withUserConfiguration(RoleEndpoint.class).run((context) -> {
			SmartLifecycleRoleController roles = context.getBean(SmartLifecycleRoleController.class);
			QueueChannel out = context.getBean("out", QueueChannel.class);
			await().atMost(WAIT).until(() -> roles.allEndpointsRunning("leader"));
			assertThat(out.receive(WAIT.toMillis())).isNotNull();
			assertThat(context.getBean(ClusterLeadership.class).isLeader()).isTrue();
		});
		this.runner.withPropertyValues(withoutQuorum()).withUserConfiguration(RoleEndpoint.class).run((context) -> {
			SmartLifecycleRoleController roles = context.getBean(SmartLifecycleRoleController.class);
			QueueChannel out = context.getBean("out", QueueChannel.class);
			assertThat(out.receive(500)).as("no message from a follower's @Role endpoint").isNull();
			assertThat(roles.noEndpointsRunning("leader")).isTrue();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CandidateConfiguration {

		@Bean
		RecordingCandidate candidate() {
			return new RecordingCandidate();
		}

		@Bean
		GrantedEvents grantedEvents() {
			return new GrantedEvents();
		}

	}

	static class RecordingCandidate extends AbstractCandidate {

		final List<String> calls = Collections.synchronizedList(new ArrayList<>());

		RecordingCandidate() {
			super("recording", "cluster");
		}

		@Override
		public void onGranted(Context context) {
			this.calls.add("granted leader=" + context.isLeader());
		}

		@Override
		public void onRevoked(Context context) {
			this.calls.add("revoked leader=" + context.isLeader());
		}

	}

	static class GrantedEvents {

		final List<String> roles = Collections.synchronizedList(new ArrayList<>());

		@EventListener
		void granted(OnGrantedEvent event) {
			this.roles.add(event.getRole());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class RoleEndpoint {

		@Bean
		QueueChannel out() {
			return new QueueChannel();
		}

		@Bean
		@Role("leader")
		@InboundChannelAdapter(value = "out", autoStartup = "false", poller = @Poller(fixedDelay = "50"))
		MessageSource<String> ticks() {
			return () -> new GenericMessage<>("tick");
		}

	}

}

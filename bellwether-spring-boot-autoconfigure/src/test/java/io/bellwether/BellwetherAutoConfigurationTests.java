package io.bellwether;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.bellwether.dispatch.LeadershipEventDispatcher;
import io.bellwether.election.ClusterCore;
import io.bellwether.election.ElectionService;
import io.bellwether.election.LeadershipGrantedEvent;
import io.bellwether.election.LeadershipRevokedEvent;
import io.bellwether.events.EventsAutoConfiguration;
import io.bellwether.health.ClusterHealthAutoConfiguration;
import io.bellwether.metrics.ClusterMetricsAutoConfiguration;
import io.bellwether.transport.HeartbeatClient;
import io.bellwether.transport.HeartbeatServer;
import io.bellwether.web.BellwetherWebAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configuration in an application that is not the standalone peer: conditions,
 * overrides, {@code bellwether.enabled=false}, {@code @LeaderOnly}, late listeners, the
 * shutdown order.
 */
public class BellwetherAutoConfigurationTests {

	private static final AutoConfigurations ALL = AutoConfigurations.of(BellwetherAutoConfiguration.class,
			ClusterHealthAutoConfiguration.class, ClusterMetricsAutoConfiguration.class, EventsAutoConfiguration.class,
			BellwetherWebAutoConfiguration.class);

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(ALL);

	/** A group of one: this peer leads as soon as it starts. */
	public static String[] alone() {
		return new String[] { "bellwether.self-id=1", "bellwether.peers=1@127.0.0.1:" + freePort(),
				"bellwether.bind-address=127.0.0.1" };
	}

	/** A majority group of three of which only this peer runs: it never leads. */
	public static String[] withoutQuorum() {
		return new String[] {
				"bellwether.self-id=1", "bellwether.peers=1@127.0.0.1:" + freePort() + ",2@127.0.0.1:" + freePort()
						+ ",3@127.0.0.1:" + freePort(),
				"bellwether.bind-address=127.0.0.1", "bellwether.election.quorum=majority" };
	}

	@Test
	void embedsAPeerWithoutWebEndpoints() {
		this.runner.withPropertyValues(alone()).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(ClusterCore.class)
				.hasSingleBean(ElectionService.class)
				.hasSingleBean(HeartbeatServer.class)
				.hasSingleBean(ClusterLeadership.class)
				.hasSingleBean(LeadershipEventDispatcher.class)
				.hasBean("cluster");
			assertThat(context.getBean("cluster")).isInstanceOf(HealthIndicator.class);
			assertThat(context).doesNotHaveBean("leaderController").doesNotHaveBean("clusterMetrics");
			ClusterLeadership leadership = context.getBean(ClusterLeadership.class);
			await().atMost(Duration.ofSeconds(20)).until(leadership::isLeader);
			assertThat(leadership.leaderId()).hasValue(1);
			assertThat(leadership.fencingToken()).isPresent();
		});
	}

	@Test
	void disabledMeansNothingAtAll() {
		this.runner.withPropertyValues("bellwether.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(ClusterCore.class)
				.doesNotHaveBean(ClusterLeadership.class)
				.doesNotHaveBean("cluster")
				.doesNotHaveBean(LeaderOnlyPostProcessor.class);
		});
	}

	@Test
	void badConfigurationFailsWithTheSameOneLineMessage() {
		this.runner.withPropertyValues("bellwether.self-id=1", "bellwether.peers=1@127.0.0.1:7001,1@127.0.0.1:7002")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("duplicate peer id 1"));
	}

	@Test
	void theApplicationsOwnBeansWin() {
		ClusterLeadership own = new FixedLeadership();
		this.runner.withPropertyValues(alone())
			.withBean("myLeadership", ClusterLeadership.class, () -> own)
			.run((context) -> assertThat(context).getBean(ClusterLeadership.class).isSameAs(own));
	}

	@Test
	void metricsOnlyWithAMeterRegistry() {
		this.runner.withPropertyValues(alone())
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasBean("clusterMetrics");
				assertThat(context.getBean(MeterRegistry.class).find("bellwether.is.leader").gauge()).isNotNull();
			});
	}

	@Test
	void webEndpointsOnlyInAWebApplicationThatAsksForThem() {
		WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(ALL);
		web.withPropertyValues(alone()).run((context) -> assertThat(context).doesNotHaveBean("leaderController"));
		web.withPropertyValues(alone())
			.withPropertyValues("bellwether.web.enabled=true")
			.run((context) -> assertThat(context).hasBean("leaderController")
				.hasBean("peersController")
				.hasBean("dashboardController")
				.hasBean("eventStreamController"));
		this.runner.withPropertyValues(alone())
			.withPropertyValues("bellwether.web.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean("leaderController"));
	}

	@Test
	void leaderOnlyRunsTheBodyOnlyOnTheLeader() {
		this.runner.withPropertyValues(alone()).withUserConfiguration(JobConfiguration.class).run((context) -> {
			Job job = context.getBean(Job.class);
			assertThat(job.getClass()).isNotEqualTo(Job.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				job.run();
				return job.runs() > 0;
			});
			assertThat(job.other()).as("methods without @LeaderOnly are not affected").isEqualTo("other");
		});
		this.runner.withPropertyValues(withoutQuorum()).withUserConfiguration(JobConfiguration.class).run((context) -> {
			Job job = context.getBean(Job.class);
			for (int i = 0; i < 10; i++) {
				job.run();
			}
			assertThat(job.runs()).isZero();
			assertThat(context.getBean(ClusterLeadership.class).isLeader()).isFalse();
		});
	}

	@Test
	void aListenerRegisteredLateGetsGrantedAtOnce() {
		this.runner.withPropertyValues(alone()).run((context) -> {
			ClusterLeadership leadership = context.getBean(ClusterLeadership.class);
			await().atMost(Duration.ofSeconds(20)).until(leadership::isLeader);
			Recorder late = new Recorder();
			leadership.addListener(late);
			await().atMost(Duration.ofSeconds(10)).until(() -> late.calls.contains("granted"));
			assertThat(late.threads).containsOnly("bellwether-events");
		});
	}

	@Test
	void listenerBeansAndSpringEventsHearGrantedOnTheEventsThread() {
		this.runner.withPropertyValues(alone()).withUserConfiguration(ListenerConfiguration.class).run((context) -> {
			Recorder bean = context.getBean(Recorder.class);
			SpringListener spring = context.getBean(SpringListener.class);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> bean.calls.contains("granted") && spring.calls.contains("granted"));
			assertThat(bean.threads).containsOnly("bellwether-events");
			assertThat(spring.threads).containsOnly("bellwether-events");
		});
	}

	@Test
	void onShutdownTheApplicationHearsRevokedBeforeThePeerLeaves() {
		List<String> order = Collections.synchronizedList(new ArrayList<>());
		this.runner.withPropertyValues(alone()).run((context) -> {
			ClusterLeadership leadership = context.getBean(ClusterLeadership.class);
			HeartbeatClient client = context.getBean(HeartbeatClient.class);
			leadership.addListener(new LeadershipListener() {
				@Override
				public void onGranted(LeadershipGrantedEvent event) {
					order.add("granted");
				}

				@Override
				public void onRevoked(LeadershipRevokedEvent event) {
					// LEAVE goes out when the heartbeat client stops
					order.add(client.isRunning() ? "revoked before LEAVE" : "revoked after LEAVE");
				}
			});
			await().atMost(Duration.ofSeconds(20)).until(() -> order.contains("granted"));
			context.close();
			assertThat(order).containsExactly("granted", "revoked before LEAVE");
			assertThat(client.isRunning()).isFalse();
			assertThat(leadership.isLeader()).isFalse();
		});
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class JobConfiguration {

		@Bean
		Job job() {
			return new Job();
		}

	}

	static class Job {

		final AtomicInteger runs = new AtomicInteger();

		@LeaderOnly
		public void run() {
			this.runs.incrementAndGet();
		}

		public String other() {
			return "other";
		}

		public int runs() {
			return this.runs.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		SpringListener springListener() {
			return new SpringListener();
		}

	}

	static class Recorder implements LeadershipListener {

		final List<String> calls;

		final List<String> threads = Collections.synchronizedList(new ArrayList<>());

		Recorder() {
			this(Collections.synchronizedList(new ArrayList<>()));
		}

		Recorder(List<String> calls) {
			this.calls = calls;
		}

		@Override
		public void onGranted(LeadershipGrantedEvent event) {
			this.calls.add("granted");
			this.threads.add(Thread.currentThread().getName());
		}

		@Override
		public void onRevoked(LeadershipRevokedEvent event) {
			this.calls.add("revoked");
			this.threads.add(Thread.currentThread().getName());
		}

	}

	static class SpringListener {

		final List<String> calls = Collections.synchronizedList(new ArrayList<>());

		final List<String> threads = Collections.synchronizedList(new ArrayList<>());

		@EventListener
		void granted(LeadershipGrantedEvent event) {
			this.calls.add("granted");
			this.threads.add(Thread.currentThread().getName());
		}

	}

	static final class FixedLeadership implements ClusterLeadership {

		@Override
		public int selfId() {
			return 1;
		}

		@Override
		public boolean isLeader() {
			return false;
		}

		@Override
		public java.util.OptionalInt leaderId() {
			return java.util.OptionalInt.empty();
		}

		@Override
		public java.util.OptionalLong fencingToken() {
			return java.util.OptionalLong.empty();
		}

		@Override
		public Registration addListener(LeadershipListener listener) {
			return () -> {
			};
		}

	}

}

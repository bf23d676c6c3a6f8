package io.bellwether;

import io.bellwether.config.PeerProperties;
import io.bellwether.dispatch.LeaderOnlyGate;
import io.bellwether.dispatch.LeadershipEventDispatcher;
import io.bellwether.election.ClusterCore;
import io.bellwether.election.ElectionService;
import io.bellwether.election.ElectionTicker;
import io.bellwether.membership.MonotonicClock;
import io.bellwether.membership.PeerRegistry;
import io.bellwether.protocol.FrameAuthenticator;
import io.bellwether.protocol.FrameCodec;
import io.bellwether.transport.FrameFactory;
import io.bellwether.transport.HeartbeatClient;
import io.bellwether.transport.HeartbeatServer;
import io.bellwether.transport.TransportCounters;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.extern.slf4j.Slf4j;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.beans.factory.config.BeanDefinition;

/**
 * Embeds a Bellwether peer in a Spring Boot application: the plain-Java core
 * ({@link ClusterCore}) with its TCP transport and election ticker, the
 * application-facing {@link ClusterLeadership} and {@link LeaderOnly @LeaderOnly}, and
 * the one ordered thread ({@code bellwether-events}) on which every application-facing
 * event and listener runs. Every bean backs off when the application defines its own;
 * {@code bellwether.enabled=false} turns all of Bellwether off. Health, metrics, REST and
 * the dashboard are configured by their own auto-configurations.
 */
@Slf4j
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBooleanProperty(name = "bellwether.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ PeerProperties.class, CallbacksProperties.class })
public final class BellwetherAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FrameCodec frameCodec(PeerProperties properties) {
		if (properties.secret().isEmpty()) {
			log.warn("heartbeat frames are NOT authenticated: anyone who can reach the heartbeat port can "
					+ "pose as a peer; set bellwether.secret (BELLWETHER_SECRET) on every peer");
			return new FrameCodec();
		}
		log.info("heartbeat frames are authenticated with HMAC-SHA256 ({} key(s), signing with the first)",
				properties.secret().size());
		return new FrameCodec(new FrameAuthenticator(properties.secretKeys()));
	}

	/**
	 * Hands every change to the application on the {@code bellwether-events} thread, as
	 * Spring events and to the {@link LeadershipListener}s.
	 */
	@Bean
	@ConditionalOnMissingBean
	LeadershipEventDispatcher leadershipEventDispatcher(PeerProperties properties, CallbacksProperties callbacks,
			ApplicationEventPublisher publisher) {
		return new LeadershipEventDispatcher(properties.selfId(), publisher::publishEvent, callbacks.maxPending());
	}

	@Bean
	@ConditionalOnMissingBean
	SpringEventBridge springEventBridge(LeadershipEventDispatcher dispatcher) {
		return new SpringEventBridge(dispatcher);
	}

	/**
	 * The plain-Java core of this peer, on a monotonic clock; its one listener is the
	 * {@link SpringEventBridge}.
	 */
	@Bean
	@ConditionalOnMissingBean
	ClusterCore clusterCore(PeerProperties properties, SpringEventBridge bridge) {
		return new ClusterCore(properties, new MonotonicClock(), bridge);
	}

	/** Read-only membership views for metrics, REST and health. */
	@Bean
	@ConditionalOnMissingBean
	PeerRegistry peerRegistry(ClusterCore core) {
		return core.registry();
	}

	@Bean
	@ConditionalOnMissingBean
	ElectionService electionService(ClusterCore core) {
		return new ElectionService(core);
	}

	@Bean
	@ConditionalOnMissingBean
	ElectionTicker electionTicker(ElectionService election) {
		return new ElectionTicker(election);
	}

	@Bean
	@ConditionalOnMissingBean
	TransportCounters transportCounters(ObjectProvider<MeterRegistry> meters, PeerProperties properties) {
		MeterRegistry registry = meters.getIfUnique();
		return (registry != null) ? new TransportCounters(registry, properties) : new TransportCounters();
	}

	@Bean
	@ConditionalOnMissingBean
	FrameFactory frameFactory(ClusterCore core) {
		return new FrameFactory(core);
	}

	@Bean
	@ConditionalOnMissingBean
	HeartbeatClient heartbeatClient(PeerProperties properties, ClusterCore core, FrameFactory frames, FrameCodec codec,
			TransportCounters counters) {
		return new HeartbeatClient(properties, core, frames, codec, counters);
	}

	@Bean
	@ConditionalOnMissingBean
	HeartbeatServer heartbeatServer(PeerProperties properties, ClusterCore core, HeartbeatClient client,
			FrameCodec codec, TransportCounters counters) {
		return new HeartbeatServer(properties, core, client, codec, counters);
	}

	@Bean
	@ConditionalOnMissingBean
	LeaderOnlyGate leaderOnlyGate(ElectionService election) {
		return new LeaderOnlyGate(election::isLeader);
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterLeadership clusterLeadership(ElectionService election, LeadershipEventDispatcher dispatcher) {
		return new CoreLeadership(election, dispatcher);
	}

	@Bean
	@ConditionalOnMissingBean
	LeadershipLifecycle leadershipLifecycle(ClusterCore core, LeadershipEventDispatcher dispatcher, LeaderOnlyGate gate,
			CallbacksProperties callbacks, ObjectProvider<LeadershipListener> listeners) {
		return new LeadershipLifecycle(core, dispatcher, gate, callbacks.shutdownTimeout(), listeners);
	}

	/**
	 * Proxies beans with {@link LeaderOnly @LeaderOnly} methods (Spring AOP, no weaving).
	 */
	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static LeaderOnlyPostProcessor leaderOnlyPostProcessor(ObjectProvider<LeaderOnlyGate> gate) {
		return new LeaderOnlyPostProcessor(gate::getObject);
	}

}

package io.bellwether.autoconfigure;

import java.time.Clock;

import io.bellwether.ClusterLeadership;
import io.bellwether.config.PeerProperties;
import io.bellwether.dispatch.LeadershipEventDispatcher;
import io.bellwether.election.ClusterListener;
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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.beans.factory.config.BeanDefinition;

/**
 * An embedded Bellwether peer: configuration ({@code bellwether.*}), the core (registry,
 * election on its own {@code bellwether-election} thread), the TCP transport, the
 * {@code bellwether-events} thread that runs every application callback, and the
 * application-facing {@link ClusterLeadership} and {@code @LeaderOnly}. Every bean backs
 * off when the application defines its own; {@code bellwether.enabled=false} turns it all
 * off.
 */
@Slf4j
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "bellwether.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PeerProperties.class)
public class BellwetherAutoConfiguration {

	/** The clock of failure detection: monotonic, immune to wall-clock steps. */
	@Bean
	@ConditionalOnMissingBean(name = "bellwetherClock")
	Clock bellwetherClock() {
		return new MonotonicClock();
	}

	@Bean
	@ConditionalOnMissingBean
	FrameCodec bellwetherFrameCodec(PeerProperties properties) {
		if (properties.secret().isEmpty()) {
			log.warn("heartbeat frames are NOT authenticated: anyone who can reach the heartbeat port can "
					+ "pose as a peer; set bellwether.secret (BELLWETHER_SECRET) on every peer");
			return new FrameCodec();
		}
		log.info("heartbeat frames are authenticated with HMAC-SHA256 ({} key(s), signing with the first)",
				properties.secret().size());
		return new FrameCodec(new FrameAuthenticator(properties.secretKeys()));
	}

	@Bean
	CoreEventRouter bellwetherEventRouter(ObjectProvider<ClusterListener> listeners,
			ObjectProvider<ElectionService> election) {
		return new CoreEventRouter(listeners, election);
	}

	@Bean
	@ConditionalOnMissingBean
	PeerRegistry bellwetherPeerRegistry(PeerProperties properties, @Qualifier("bellwetherClock") Clock clock,
			CoreEventRouter router) {
		return new PeerRegistry(properties, clock, router);
	}

	@Bean
	@ConditionalOnMissingBean
	ElectionService bellwetherElectionService(PeerProperties properties, PeerRegistry registry,
			@Qualifier("bellwetherClock") Clock clock, CoreEventRouter router) {
		ApplicationEventPublisher publisher = router;
		return new ElectionService(properties, registry, clock, publisher);
	}

	@Bean
	ElectionTicker bellwetherElectionTicker(ElectionService election) {
		return new ElectionTicker(election);
	}

	@Bean
	@ConditionalOnMissingBean
	TransportCounters bellwetherTransportCounters(ObjectProvider<MeterRegistry> meters, PeerProperties properties) {
		MeterRegistry registry = meters.getIfAvailable();
		return (registry != null) ? new TransportCounters(registry, properties) : new TransportCounters();
	}

	@Bean
	@ConditionalOnMissingBean
	HeartbeatClient bellwetherHeartbeatClient(PeerProperties properties, PeerRegistry registry,
			ElectionService election, @Qualifier("bellwetherClock") Clock clock, FrameCodec codec,
			TransportCounters counters) {
		return new HeartbeatClient(properties, registry, new FrameFactory(properties, election, clock), codec,
				counters);
	}

	@Bean
	@ConditionalOnMissingBean
	HeartbeatServer bellwetherHeartbeatServer(PeerProperties properties, PeerRegistry registry, HeartbeatClient client,
			FrameCodec codec, TransportCounters counters) {
		return new HeartbeatServer(properties, registry, client, codec, counters);
	}

	/** Runs application callbacks on the one {@code bellwether-events} thread. */
	@Bean
	@ConditionalOnMissingBean
	LeadershipEventDispatcher bellwetherEventDispatcher(PeerProperties properties,
			ApplicationEventPublisher publisher) {
		return new LeadershipEventDispatcher(properties.selfId(), publisher::publishEvent,
				LeadershipEventDispatcher.DEFAULT_MAX_PENDING);
	}

	@Bean
	EventThreadLifecycle bellwetherEventThread(LeadershipEventDispatcher dispatcher,
			ObjectProvider<io.bellwether.LeadershipListener> listeners) {
		return new EventThreadLifecycle(dispatcher, listeners);
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterLeadership bellwetherLeadership(ElectionService election, LeadershipEventDispatcher dispatcher) {
		return new DefaultClusterLeadership(election, dispatcher);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static LeaderOnlyInterceptor bellwetherLeaderOnlyInterceptor(ObjectProvider<ElectionService> election) {
		return new LeaderOnlyInterceptor(() -> election.getObject().isLeader());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static LeaderOnlyPostProcessor bellwetherLeaderOnlyPostProcessor(LeaderOnlyInterceptor interceptor) {
		return new LeaderOnlyPostProcessor(interceptor);
	}

	@Bean
	StepDownOnShutdown bellwetherStepDownOnShutdown(LeaderOnlyInterceptor leaderOnly, ElectionService election,
			LeadershipEventDispatcher dispatcher) {
		return new StepDownOnShutdown(leaderOnly, election, dispatcher);
	}

}

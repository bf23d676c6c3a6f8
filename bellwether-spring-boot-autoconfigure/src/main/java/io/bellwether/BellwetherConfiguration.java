package io.bellwether;

import java.time.Clock;

import io.bellwether.config.PeerProperties;
import io.bellwether.election.ClusterCore;
import io.bellwether.election.ElectionService;
import io.bellwether.membership.MonotonicClock;
import io.bellwether.membership.PeerRegistry;
import io.bellwether.protocol.FrameAuthenticator;
import io.bellwether.protocol.FrameCodec;
import lombok.extern.slf4j.Slf4j;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the plain-Java core (clock, {@link ClusterCore}) into Spring. Kept off the
 * application class so that test slices such as {@code @WebMvcTest} do not pick it up.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(PeerProperties.class)
class BellwetherConfiguration {

	@Bean
	Clock clock() {
		return new MonotonicClock();
	}

	@Bean
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
	 * The plain-Java core of this peer; its one listener is the Spring seam.
	 */
	@Bean
	ClusterCore clusterCore(PeerProperties properties, Clock clock, ApplicationEventPublisher publisher) {
		return new ClusterCore(properties, clock, new SpringEventBridge(publisher));
	}

	/** Read-only membership views for metrics, REST and health. */
	@Bean
	PeerRegistry peerRegistry(ClusterCore core) {
		return core.registry();
	}

	@Bean
	ElectionService electionService(ClusterCore core) {
		return new ElectionService(core);
	}

}

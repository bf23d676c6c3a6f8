package io.bellwether;

import java.time.Clock;

import io.bellwether.config.PeerProperties;
import io.bellwether.membership.MembershipListener;
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
 * Wires the plain-Java core (clock, registry) into Spring. Kept off the application class
 * so that test slices such as {@code @WebMvcTest} do not pick it up.
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

	@Bean
	PeerRegistry peerRegistry(PeerProperties properties, Clock clock, ApplicationEventPublisher publisher) {
		MembershipListener listener = publisher::publishEvent;
		return new PeerRegistry(properties, clock, listener);
	}

}

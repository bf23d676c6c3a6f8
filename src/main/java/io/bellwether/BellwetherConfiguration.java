package io.bellwether;

import java.time.Clock;

import io.bellwether.config.PeerProperties;
import io.bellwether.membership.MembershipListener;
import io.bellwether.membership.MonotonicClock;
import io.bellwether.membership.PeerRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the plain-Java core (clock, registry) into Spring. Kept off the application class
 * so that test slices such as {@code @WebMvcTest} do not pick it up.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(PeerProperties.class)
class BellwetherConfiguration {

	@Bean
	Clock clock() {
		return new MonotonicClock();
	}

	@Bean
	PeerRegistry peerRegistry(PeerProperties properties, Clock clock, ApplicationEventPublisher publisher) {
		MembershipListener listener = publisher::publishEvent;
		return new PeerRegistry(properties, clock, listener);
	}

}

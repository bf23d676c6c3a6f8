package io.bellwether;

import java.time.Clock;

import io.bellwether.config.InvalidConfigurationException;
import io.bellwether.config.PeerProperties;
import io.bellwether.config.SeedCommandLine;
import io.bellwether.membership.MembershipListener;
import io.bellwether.membership.MonotonicClock;
import io.bellwether.membership.PeerRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point. Accepts the seed's positional form
 * ({@code <id> <host> <port> <id> <host> <port> ...}, first triple = this peer) mixed with
 * Spring options, or the property form ({@code bellwether.self-id}, {@code bellwether.peers}).
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(PeerProperties.class)
public class BellwetherApplication {

	public static void main(String[] args) {
		String[] springArgs;
		try {
			springArgs = SeedCommandLine.toSpringArguments(args);
		}
		catch (InvalidConfigurationException ex) {
			System.err.println("bellwether: cannot start: invalid configuration: " + ex.getMessage());
			System.exit(2);
			return;
		}
		try {
			SpringApplication.run(BellwetherApplication.class, springArgs);
		}
		catch (RuntimeException ex) {
			// Already reported (one line for configuration problems) by Spring Boot.
			System.exit(1);
		}
	}

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

package io.bellwether.events;

import io.bellwether.election.ElectionService;
import io.bellwether.membership.PeerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the {@code /events} stream.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
class EventsConfiguration {

	@Bean
	ClusterEventStream clusterEventStream(EventsProperties properties, PeerRegistry registry, ElectionService election,
			JsonMapper json, MeterRegistry meters) {
		return new ClusterEventStream(properties, registry, election, json, meters);
	}

}

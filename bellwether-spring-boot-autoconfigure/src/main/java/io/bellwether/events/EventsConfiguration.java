package io.bellwether.events;

import io.bellwether.election.ElectionService;
import io.bellwether.membership.PeerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the {@code /events} stream; imported by the web auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
public class EventsConfiguration {

	@Bean
	ClusterEventStream clusterEventStream(EventsProperties properties, PeerRegistry registry, ElectionService election,
			ObjectProvider<JsonMapper> json, ObjectProvider<MeterRegistry> meters) {
		return new ClusterEventStream(properties, registry, election,
				json.getIfAvailable(() -> JsonMapper.builder().build()),
				meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	EventStreamController eventStreamController(ClusterEventStream stream, EventsProperties properties) {
		return new EventStreamController(stream, properties);
	}

}

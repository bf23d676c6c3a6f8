package io.bellwether.events;

import io.bellwether.BellwetherAutoConfiguration;
import io.bellwether.SpringEventBridge;
import io.bellwether.election.ElectionService;
import io.bellwether.membership.PeerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code /events} stream (Server-Sent Events): in a servlet web application with
 * {@code bellwether.web.enabled=true}, like {@code /leader}, {@code /peers} and the
 * dashboard.
 */
@AutoConfiguration(after = BellwetherAutoConfiguration.class,
		afterName = {
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "bellwether.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "bellwether.web.enabled")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(
		name = { "org.springframework.web.servlet.DispatcherServlet", "tools.jackson.databind.json.JsonMapper" })
@ConditionalOnBean(ElectionService.class)
@EnableConfigurationProperties(EventsProperties.class)
public final class EventsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterEventStream clusterEventStream(EventsProperties properties, PeerRegistry registry, ElectionService election,
			ObjectProvider<JsonMapper> json, ObjectProvider<MeterRegistry> meters, SpringEventBridge bridge) {
		ClusterEventStream stream = new ClusterEventStream(properties, registry, election,
				json.getIfAvailable(JsonMapper::new), meters.getIfUnique(SimpleMeterRegistry::new));
		bridge.addInternalListener(stream);
		return stream;
	}

	@Bean
	@ConditionalOnMissingBean
	EventStreamController eventStreamController(ClusterEventStream stream, EventsProperties properties) {
		return new EventStreamController(stream, properties);
	}

}

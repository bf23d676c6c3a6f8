package io.bellwether.metrics;

import io.bellwether.config.PeerProperties;
import io.bellwether.election.ElectionService;
import io.bellwether.membership.PeerRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The {@code bellwether.*} meters; imported by the actuator auto-configuration when the
 * application has a {@link MeterRegistry}.
 */
@Configuration(proxyBeanMethods = false)
@Import(HeartbeatHistograms.class)
public class ClusterMetricsConfiguration {

	@Bean
	ClusterMetrics bellwetherClusterMetrics(MeterRegistry meters, PeerProperties properties, PeerRegistry registry,
			ElectionService election) {
		return new ClusterMetrics(meters, properties, registry, election);
	}

}

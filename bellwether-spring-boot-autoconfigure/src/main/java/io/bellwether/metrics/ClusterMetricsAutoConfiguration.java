package io.bellwether.metrics;

import io.bellwether.BellwetherAutoConfiguration;
import io.bellwether.SpringEventBridge;
import io.bellwether.config.PeerProperties;
import io.bellwether.election.ElectionService;
import io.bellwether.membership.PeerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code bellwether.*} meters, when the application has a Micrometer
 * {@link MeterRegistry} (e.g. from the actuator); histogram buckets for the transport's
 * timers around the configured heartbeat interval and timeout.
 */
@AutoConfiguration(after = BellwetherAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBooleanProperty(name = "bellwether.enabled", matchIfMissing = true)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, ElectionService.class })
public final class ClusterMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterMetrics clusterMetrics(MeterRegistry meters, PeerProperties properties, PeerRegistry registry,
			ElectionService election, SpringEventBridge bridge) {
		ClusterMetrics metrics = new ClusterMetrics(meters, properties, registry, election);
		bridge.addInternalListener(metrics);
		return metrics;
	}

	@Bean
	@ConditionalOnMissingBean(name = "bellwetherHeartbeatHistograms")
	static MeterFilter bellwetherHeartbeatHistograms(PeerProperties properties) {
		return HeartbeatHistograms.filter(properties);
	}

}

package io.bellwether.autoconfigure;

import io.bellwether.health.ClusterHealthConfiguration;
import io.bellwether.metrics.ClusterMetricsConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * With the actuator: the {@code cluster} health component (add it to your readiness group
 * with {@code management.endpoint.health.group.readiness.include=readinessState,cluster})
 * and, with a {@link MeterRegistry}, the {@code bellwether.*} meters.
 */
@AutoConfiguration(after = BellwetherAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBooleanProperty(name = "bellwether.enabled", matchIfMissing = true)
public class BellwetherActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
	@Import(ClusterHealthConfiguration.class)
	static class Health {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(MeterRegistry.class)
	@Import(ClusterMetricsConfiguration.class)
	static class Metrics {

	}

}

package io.bellwether.health;

import io.bellwether.BellwetherAutoConfiguration;
import io.bellwether.election.ElectionService;
import io.bellwether.membership.PeerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code cluster} health component, when the application has Spring Boot's health
 * support (the actuator).
 */
@AutoConfiguration(after = BellwetherAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bellwether.enabled", matchIfMissing = true)
@ConditionalOnClass(AbstractHealthIndicator.class)
@ConditionalOnBean(ElectionService.class)
public final class ClusterHealthAutoConfiguration {

	@Bean("cluster")
	@ConditionalOnMissingBean(name = "cluster")
	ClusterHealthIndicator clusterHealthIndicator(ElectionService election, PeerRegistry registry) {
		return new ClusterHealthIndicator(election, registry);
	}

}

package io.bellwether.health;

import io.bellwether.election.ElectionService;
import io.bellwether.membership.PeerRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code cluster} health component; imported by the actuator auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterHealthConfiguration {

	@Bean("cluster")
	@ConditionalOnMissingBean(name = "cluster")
	ClusterHealthIndicator cluster(ElectionService election, PeerRegistry registry) {
		return new ClusterHealthIndicator(election, registry);
	}

}

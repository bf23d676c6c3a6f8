package io.bellwether.integration;

import java.util.List;

import io.bellwether.BellwetherAutoConfiguration;
import io.bellwether.ClusterLeadership;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.leader.event.DefaultLeaderEventPublisher;
import org.springframework.integration.leader.event.LeaderEventPublisher;

/**
 * Spring Integration leadership from Bellwether, only when
 * {@code spring-integration-core} is on the class path: the application's
 * {@link Candidate} beans, or else one candidate in role
 * {@code bellwether.integration.role} (default {@code leader}), are granted and revoked
 * with this peer's leadership, and {@code OnGrantedEvent}/{@code OnRevokedEvent} start
 * and stop the {@code @Role} endpoints.
 */
@AutoConfiguration(after = BellwetherAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bellwether.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "bellwether.integration.enabled", matchIfMissing = true)
@ConditionalOnClass(Candidate.class)
@ConditionalOnBean(ClusterLeadership.class)
public final class IntegrationLeaderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BellwetherLeaderInitiator bellwetherLeaderInitiator(ClusterLeadership leadership,
			ObjectProvider<Candidate> candidates, ObjectProvider<LeaderEventPublisher> publisher,
			ApplicationEventPublisher events, Environment environment) {
		List<Candidate> all = candidates.orderedStream().toList();
		if (all.isEmpty()) {
			String role = environment.getProperty("bellwether.integration.role", "leader");
			all = List.of(new DefaultCandidate("bellwether-" + leadership.selfId(), role));
		}
		return new BellwetherLeaderInitiator(leadership, all,
				publisher.getIfUnique(() -> new DefaultLeaderEventPublisher(events)));
	}

}

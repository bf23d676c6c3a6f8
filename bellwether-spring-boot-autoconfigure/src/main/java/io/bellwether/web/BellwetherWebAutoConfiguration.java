package io.bellwether.web;

import io.bellwether.BellwetherAutoConfiguration;
import io.bellwether.election.ElectionService;
import io.bellwether.membership.PeerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * {@code /leader}, {@code /peers} and the dashboard ({@code /}): only in a servlet web
 * application and only with {@code bellwether.web.enabled=true} (off by default when
 * embedded; the standalone peer switches it on).
 */
@AutoConfiguration(after = BellwetherAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bellwether.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "bellwether.web.enabled")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnBean(ElectionService.class)
public final class BellwetherWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LeaderController leaderController(ElectionService election) {
		return new LeaderController(election);
	}

	@Bean
	@ConditionalOnMissingBean
	PeersController peersController(PeerRegistry registry, ElectionService election) {
		return new PeersController(registry, election);
	}

	@Bean
	@ConditionalOnMissingBean
	DashboardController dashboardController() {
		return new DashboardController();
	}

}

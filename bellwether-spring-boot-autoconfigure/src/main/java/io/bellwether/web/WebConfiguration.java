package io.bellwether.web;

import io.bellwether.election.ElectionService;
import io.bellwether.membership.PeerRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code GET /leader}, {@code GET /peers} and the dashboard at {@code /}; imported by the
 * web auto-configuration. The dashboard's files live under
 * {@code classpath:/io/bellwether/dashboard/}, not in {@code static/}, so that an
 * application embedding Bellwether does not serve them unless it asks for the web
 * endpoints.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

	static final String DASHBOARD = "classpath:/io/bellwether/dashboard/";

	@Bean
	LeaderController bellwetherLeaderController(ElectionService election) {
		return new LeaderController(election);
	}

	@Bean
	PeersController bellwetherPeersController(PeerRegistry registry, ElectionService election) {
		return new PeersController(registry, election);
	}

	@Bean
	WebMvcConfigurer bellwetherDashboard() {
		return new WebMvcConfigurer() {

			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler("/index.html", "/dashboard.js", "/dashboard.css")
					.addResourceLocations(DASHBOARD);
			}

			@Override
			public void addViewControllers(ViewControllerRegistry registry) {
				registry.addViewController("/").setViewName("forward:/index.html");
			}

		};
	}

}

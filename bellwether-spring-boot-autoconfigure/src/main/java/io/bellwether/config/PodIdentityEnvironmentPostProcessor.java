package io.bellwether.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Identity from the pod: turns {@code bellwether.self-id=ordinal} (id from the
 * StatefulSet pod name in {@code HOSTNAME}) and {@code bellwether.discovery.*} (the group
 * from a replica count and a host-name pattern) into {@code bellwether.self-id} and
 * {@code bellwether.peers}, in a property source of its own ahead of all others, before
 * anything binds {@link PeerProperties}. Does nothing when neither is used. Runs after
 * the application's configuration files are loaded.
 */
public final class PodIdentityEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source with the resolved values. */
	public static final String PROPERTY_SOURCE = "bellwetherPodIdentity";

	private final Log log;

	public PodIdentityEnvironmentPostProcessor(DeferredLogFactory logs) {
		this.log = logs.getLog(PodIdentityEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		DiscoveryProperties discovery = binder.bindOrCreate("bellwether.discovery",
				Bindable.of(DiscoveryProperties.class));
		String selfId = environment.getProperty("bellwether.self-id");
		String hostname = environment.getProperty("HOSTNAME");
		boolean peersConfigured = binder.bind("bellwether.peers", Bindable.listOf(String.class))
			.map((peers) -> !peers.isEmpty())
			.orElse(false);
		Map<String, String> resolved = PodIdentity.resolve(selfId, hostname, discovery, peersConfigured);
		if (resolved.isEmpty()) {
			return;
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE, new LinkedHashMap<>(resolved)));
		if (resolved.containsKey("bellwether.self-id")) {
			this.log.info("pod " + hostname.strip() + " is peer " + resolved.get("bellwether.self-id")
					+ " (bellwether.self-id=ordinal: id = ordinal + 1)");
		}
		if (resolved.containsKey("bellwether.peers")) {
			this.log.info("group of " + discovery.replicas() + " from bellwether.discovery: "
					+ resolved.get("bellwether.peers"));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

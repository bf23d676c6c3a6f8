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
import org.springframework.core.env.PropertySource;

/**
 * Identity from the pod: turns {@code bellwether.self-id=ordinal} (id from the
 * StatefulSet pod name in {@code HOSTNAME}) and {@code bellwether.discovery.*} (the group
 * from a replica count and a host-name pattern) into {@code bellwether.self-id} and
 * {@code bellwether.peers}, in a property source of its own ahead of all others, before
 * anything binds {@link PeerProperties}. Does nothing when neither is used. Runs after
 * the application's configuration files are loaded.
 * <p>
 * Environment post-processors run before logging is set up, when Spring Boot would still
 * print its multi-line failure report next to the one line of
 * {@link OneLineFailureReporter}. So a bad value does not fail here: the failure is kept
 * in the environment and thrown, once logging is configured, by
 * {@link #rethrowDeferredFailure} ({@link EarlyConfigurationCheck} in the standalone
 * peer) or, in any application, by an initializer before the first bean is created.
 */
public final class PodIdentityEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source with the resolved values. */
	public static final String PROPERTY_SOURCE = "bellwetherPodIdentity";

	/** Name of the (empty) property source that carries a deferred failure. */
	static final String FAILURE_SOURCE = "bellwetherPodIdentityFailure";

	private final Log log;

	public PodIdentityEnvironmentPostProcessor(DeferredLogFactory logs) {
		this.log = logs.getLog(PodIdentityEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			resolve(environment);
		}
		catch (RuntimeException ex) {
			environment.getPropertySources().addLast(new DeferredFailure(ex));
			application.addInitializers((context) -> rethrowDeferredFailure(context.getEnvironment()));
		}
	}

	/**
	 * Throws the failure of pod identity or discovery, if there was one.
	 * @param environment the application's environment
	 * @throws RuntimeException the failure ({@link InvalidConfigurationException} or a
	 * binding failure of {@code bellwether.discovery.*})
	 */
	public static void rethrowDeferredFailure(ConfigurableEnvironment environment) {
		if (environment.getPropertySources().get(FAILURE_SOURCE) instanceof DeferredFailure failure) {
			throw failure.getSource();
		}
	}

	private void resolve(ConfigurableEnvironment environment) {
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

	/** Holds a failure; has no properties. */
	private static final class DeferredFailure extends PropertySource<RuntimeException> {

		DeferredFailure(RuntimeException failure) {
			super(FAILURE_SOURCE, failure);
		}

		@Override
		public Object getProperty(String name) {
			return null;
		}

	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

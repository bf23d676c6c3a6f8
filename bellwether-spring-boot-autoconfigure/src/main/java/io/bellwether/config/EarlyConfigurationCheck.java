package io.bellwether.config;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Binds and validates {@link PeerProperties} as soon as the environment is ready, before
 * any bean or web server is created: bad configuration fails in milliseconds, with the
 * one line of {@link OneLineFailureReporter} and nothing else. Runs after logging is
 * initialised so the logging levels of {@code application.properties} apply; first it
 * throws what {@link PodIdentityEnvironmentPostProcessor} found wrong with the pod's
 * identity or discovery settings. Added by the application's {@code main}, so test slices
 * that need no peer configuration are not affected.
 */
public final class EarlyConfigurationCheck
		implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		PodIdentityEnvironmentPostProcessor.rethrowDeferredFailure(event.getEnvironment());
		Binder.get(event.getEnvironment()).bindOrCreate("bellwether", Bindable.of(PeerProperties.class));
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

}

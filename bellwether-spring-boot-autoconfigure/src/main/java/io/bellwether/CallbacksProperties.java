package io.bellwether;

import java.time.Duration;

import io.bellwether.config.InvalidConfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Bellwether hands changes to application code, bound from
 * {@code bellwether.callbacks.*}.
 *
 * @param maxPending changes that may wait for a slow application before the waiting ones
 * are coalesced into the latest state
 * @param shutdownTimeout on a clean stop, how long to wait for running
 * {@link LeaderOnly @LeaderOnly} methods and for the revocation to be delivered before
 * this peer says LEAVE anyway
 */
@ConfigurationProperties("bellwether.callbacks")
public record CallbacksProperties(@DefaultValue("256") int maxPending, @DefaultValue("10s") Duration shutdownTimeout) {

	public CallbacksProperties {
		if (maxPending < 1) {
			throw new InvalidConfigurationException(
					"bellwether.callbacks.max-pending must be at least 1, got " + maxPending);
		}
		if (shutdownTimeout.isNegative()) {
			throw new InvalidConfigurationException("bellwether.callbacks.shutdown-timeout must not be negative, got "
					+ shutdownTimeout.toMillis() + "ms");
		}
	}

}

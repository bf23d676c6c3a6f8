package io.bellwether.events;

import java.time.Duration;

import io.bellwether.config.InvalidConfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code /events} stream, bound from {@code bellwether.events.*}.
 *
 * @param heartbeat how often each client gets a {@code heartbeat} event (with fresh
 * last-seen ages) when nothing else happens; also keeps proxies from closing the stream
 * @param buffer events queued per client at most; a client that falls this far behind is
 * disconnected (it reconnects and gets a fresh snapshot) instead of slowing the peer
 * @param maxClients open streams at most; more are answered 503
 */
@ConfigurationProperties("bellwether.events")
public record EventsProperties(@DefaultValue("1s") Duration heartbeat, @DefaultValue("256") int buffer,
		@DefaultValue("32") int maxClients) {

	public EventsProperties {
		if (heartbeat.isNegative() || heartbeat.isZero()) {
			throw new InvalidConfigurationException(
					"bellwether.events.heartbeat must be positive, got " + heartbeat.toMillis() + "ms");
		}
		if (buffer < 1) {
			throw new InvalidConfigurationException("bellwether.events.buffer must be at least 1, got " + buffer);
		}
		if (maxClients < 1) {
			throw new InvalidConfigurationException(
					"bellwether.events.max-clients must be at least 1, got " + maxClients);
		}
	}

}

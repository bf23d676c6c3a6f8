package io.bellwether.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The group of a StatefulSet, described by its size instead of a list: peer {@code id} (1
 * to {@code replicas}) is pod {@code ordinal = id - 1}, and listens at
 * {@code hostPattern} with {@code {ordinal}} (or {@code {id}}) replaced, on {@code port}.
 * Bound from {@code bellwether.discovery.*}; turned into {@code bellwether.peers} before
 * {@link PeerProperties} is bound, so the same manifest works for 3 or 5 replicas without
 * a peer list.
 *
 * @param replicas size of the group (the StatefulSet's {@code replicas}); unset: no
 * discovery, {@code bellwether.peers} is used
 * @param hostPattern host name of each pod's heartbeat server, e.g.
 * {@code bellwether-{ordinal}.bellwether-hb} (pod DNS names under a headless Service)
 * @param port heartbeat port, the same on every pod
 */
public record DiscoveryProperties(Integer replicas, String hostPattern, @DefaultValue("7001") int port) {

	/** Placeholder for the pod's ordinal (0, 1, 2, ...) in {@code host-pattern}. */
	public static final String ORDINAL = "{ordinal}";

	/** Placeholder for the peer's id (ordinal + 1) in {@code host-pattern}. */
	public static final String ID = "{id}";

	public DiscoveryProperties {
		if (replicas == null) {
			if (hostPattern != null && !hostPattern.isBlank()) {
				throw new InvalidConfigurationException("bellwether.discovery.host-pattern is set but "
						+ "bellwether.discovery.replicas is not: set the group's size (the StatefulSet's replicas)");
			}
		}
		else {
			if (replicas < 1 || replicas > PeerProperties.MAX_GROUP_SIZE) {
				throw new InvalidConfigurationException("bellwether.discovery.replicas must be between 1 and "
						+ PeerProperties.MAX_GROUP_SIZE + ", got " + replicas);
			}
			if (hostPattern == null || hostPattern.isBlank()) {
				throw new InvalidConfigurationException("bellwether.discovery.replicas is set but "
						+ "bellwether.discovery.host-pattern is not: say where pod {ordinal} listens, "
						+ "e.g. bellwether-{ordinal}.bellwether-hb");
			}
			if (!hostPattern.contains(ORDINAL) && !hostPattern.contains(ID)) {
				throw new InvalidConfigurationException("bellwether.discovery.host-pattern '" + hostPattern
						+ "' must contain {ordinal} (or {id}), e.g. bellwether-{ordinal}.bellwether-hb");
			}
			if (hostPattern.chars().anyMatch(Character::isWhitespace)) {
				throw new InvalidConfigurationException(
						"bellwether.discovery.host-pattern '" + hostPattern + "' must not contain white space");
			}
		}
		if (port < 1 || port > 65535) {
			throw new InvalidConfigurationException("bellwether.discovery.port " + port + " is out of range 1-65535");
		}
	}

	/**
	 * Whether the group comes from here rather than from {@code bellwether.peers}.
	 * @return whether {@code replicas} is set
	 */
	public boolean enabled() {
		return this.replicas != null;
	}

	/**
	 * The group: ids 1 to {@code replicas}, pod {@code id - 1} each.
	 * @return the members, sorted by id
	 */
	public List<PeerAddress> group() {
		List<PeerAddress> group = new ArrayList<>();
		for (int ordinal = 0; ordinal < this.replicas; ordinal++) {
			group.add(new PeerAddress(PodIdentity.idOf(ordinal), host(ordinal), this.port));
		}
		return group;
	}

	/**
	 * The host name of pod {@code ordinal}.
	 * @param ordinal the pod's ordinal
	 * @return the host name
	 */
	public String host(int ordinal) {
		return this.hostPattern.replace(ORDINAL, String.valueOf(ordinal))
			.replace(ID, String.valueOf(PodIdentity.idOf(ordinal)));
	}

}

package io.bellwether.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A peer's id from its StatefulSet pod name: pods are named
 * {@code <statefulset>-<ordinal>} with ordinals 0, 1, 2, ...; the peer's id is
 * {@code ordinal + 1}, so that ids stay 1 to N as everywhere else ({@code bellwether-0}
 * is peer 1, {@code bellwether-2} peer 3). Used when {@code bellwether.self-id=ordinal}.
 */
public final class PodIdentity {

	/** The value of {@code bellwether.self-id} that asks for the id from the pod name. */
	public static final String ORDINAL = "ordinal";

	private PodIdentity() {
	}

	/**
	 * Whether a {@code bellwether.self-id} value asks for the id from the pod name.
	 * @param selfId the configured value, may be {@code null}
	 * @return whether it is {@code ordinal}
	 */
	public static boolean isOrdinal(String selfId) {
		return selfId != null && ORDINAL.equalsIgnoreCase(selfId.strip());
	}

	/**
	 * The ordinal at the end of a StatefulSet pod name.
	 * @param podName the pod name ({@code HOSTNAME} in the pod), may be {@code null}
	 * @return the ordinal, 0 or more
	 * @throws InvalidConfigurationException if the name does not end in {@code -<n>}
	 */
	public static int ordinalOf(String podName) {
		if (podName == null || podName.isBlank()) {
			throw new InvalidConfigurationException("bellwether.self-id=ordinal takes the id from the pod name in "
					+ "HOSTNAME (<statefulset>-<ordinal>, id = ordinal + 1), but HOSTNAME is not set");
		}
		String name = podName.strip();
		int dash = name.lastIndexOf('-');
		String digits = (dash > 0) ? name.substring(dash + 1) : "";
		if (digits.isEmpty() || !digits.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new InvalidConfigurationException("bellwether.self-id=ordinal: HOSTNAME '" + name
					+ "' does not end in -<ordinal> (StatefulSet pods are named <statefulset>-<ordinal>, "
					+ "e.g. bellwether-2 is peer 3)");
		}
		if (digits.length() > 3 || Integer.parseInt(digits) >= PeerProperties.MAX_GROUP_SIZE) {
			throw new InvalidConfigurationException("bellwether.self-id=ordinal: the ordinal of HOSTNAME '" + name
					+ "' is above the largest group of " + PeerProperties.MAX_GROUP_SIZE + " peers");
		}
		return Integer.parseInt(digits);
	}

	/**
	 * The properties that pod identity and discovery stand for, to be applied before
	 * {@link PeerProperties} is bound: {@code bellwether.self-id} (when it is
	 * {@code ordinal}) and {@code bellwether.peers} (when discovery is on).
	 * @param selfId the configured {@code bellwether.self-id}, may be {@code null}
	 * @param hostname the pod name ({@code HOSTNAME}), may be {@code null}
	 * @param discovery the {@code bellwether.discovery.*} settings
	 * @param peersConfigured whether {@code bellwether.peers} is set as well
	 * @return the properties to set (empty when neither is used)
	 * @throws InvalidConfigurationException if the values cannot work
	 */
	public static Map<String, String> resolve(String selfId, String hostname, DiscoveryProperties discovery,
			boolean peersConfigured) {
		Map<String, String> resolved = new LinkedHashMap<>();
		Integer ordinal = null;
		if (isOrdinal(selfId)) {
			ordinal = ordinalOf(hostname);
			resolved.put("bellwether.self-id", String.valueOf(idOf(ordinal)));
		}
		if (discovery.enabled()) {
			if (peersConfigured) {
				throw new InvalidConfigurationException(
						"set either bellwether.peers or bellwether.discovery.replicas, not both");
			}
			if (ordinal != null && ordinal >= discovery.replicas()) {
				throw new InvalidConfigurationException("pod " + hostname.strip() + " is peer " + idOf(ordinal)
						+ " but bellwether.discovery.replicas=" + discovery.replicas() + " allows ids 1-"
						+ discovery.replicas() + ": change the replicas of the StatefulSet and "
						+ "BELLWETHER_DISCOVERY_REPLICAS together");
			}
			resolved.put("bellwether.peers",
					discovery.group().stream().map(PeerAddress::toString).collect(Collectors.joining(",")));
		}
		return resolved;
	}

	/**
	 * The peer id of a pod.
	 * @param ordinal the pod's ordinal
	 * @return {@code ordinal + 1}
	 */
	public static int idOf(int ordinal) {
		return ordinal + 1;
	}

}

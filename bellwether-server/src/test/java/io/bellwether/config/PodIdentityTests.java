package io.bellwether.config;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link PodIdentity} and {@link DiscoveryProperties}: id from the StatefulSet
 * pod name, the group from a replica count and a host pattern, one-line errors.
 */
class PodIdentityTests {

	private static final DiscoveryProperties NONE = new DiscoveryProperties(null, null, 7001);

	private static final DiscoveryProperties THREE = new DiscoveryProperties(3, "bellwether-{ordinal}.bellwether-hb",
			7001);

	@ParameterizedTest
	@CsvSource({ "bellwether-0, 1", "bellwether-2, 3", "my-group-peer-9, 10", "  bellwether-12 , 13", "x-255, 256" })
	void idIsTheOrdinalPlusOne(String hostname, int id) {
		assertThat(PodIdentity.idOf(PodIdentity.ordinalOf(hostname))).isEqualTo(id);
	}

	@Test
	void ordinalIsRecognisedInAnyCase() {
		assertThat(PodIdentity.isOrdinal("ordinal")).isTrue();
		assertThat(PodIdentity.isOrdinal(" Ordinal ")).isTrue();
		assertThat(PodIdentity.isOrdinal("3")).isFalse();
		assertThat(PodIdentity.isOrdinal(null)).isFalse();
	}

	@Test
	void failsWithoutHostname() {
		assertThatThrownBy(() -> PodIdentity.ordinalOf(null)).isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("bellwether.self-id=ordinal takes the id from the pod name in HOSTNAME "
					+ "(<statefulset>-<ordinal>, id = ordinal + 1), but HOSTNAME is not set");
		assertThatThrownBy(() -> PodIdentity.ordinalOf(" ")).isInstanceOf(InvalidConfigurationException.class);
	}

	@ParameterizedTest
	@CsvSource({ "bellwether", "bellwether-", "bellwether-a", "-3", "bellwether-2x", "bellwether-1.5" })
	void failsOnAHostnameWithoutOrdinal(String hostname) {
		assertThatThrownBy(() -> PodIdentity.ordinalOf(hostname)).isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("bellwether.self-id=ordinal: HOSTNAME '" + hostname.strip()
					+ "' does not end in -<ordinal> (StatefulSet pods are named <statefulset>-<ordinal>, "
					+ "e.g. bellwether-2 is peer 3)");
	}

	@ParameterizedTest
	@CsvSource({ "bellwether-256", "bellwether-99999999999999" })
	void failsOnAnOrdinalAboveTheLargestGroup(String hostname) {
		assertThatThrownBy(() -> PodIdentity.ordinalOf(hostname)).isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("is above the largest group of 256 peers");
	}

	@Test
	void resolvesIdAndGroupOfAStatefulSetPod() {
		assertThat(PodIdentity.resolve("ordinal", "bellwether-2", THREE, false)).containsExactly(
				Map.entry("bellwether.self-id", "3"),
				Map.entry("bellwether.peers", "1@bellwether-0.bellwether-hb:7001,2@bellwether-1.bellwether-hb:7001,"
						+ "3@bellwether-2.bellwether-hb:7001"));
	}

	@Test
	void hostPatternMayUseTheId() {
		assertThat(new DiscoveryProperties(2, "peer{id}.example", 7100).group())
			.containsExactly(new PeerAddress(1, "peer1.example", 7100), new PeerAddress(2, "peer2.example", 7100));
	}

	@Test
	void resolvesNothingWhenNeitherIsUsed() {
		assertThat(PodIdentity.resolve("2", "bellwether-0", NONE, true)).isEmpty();
		assertThat(PodIdentity.resolve(null, null, NONE, false)).isEmpty();
	}

	@Test
	void ordinalWorksWithAnExplicitPeerList() {
		assertThat(PodIdentity.resolve("ordinal", "bellwether-1", NONE, true))
			.containsExactly(Map.entry("bellwether.self-id", "2"));
	}

	@Test
	void discoveryWorksWithAnExplicitId() {
		assertThat(PodIdentity.resolve("1", null, THREE, false)).containsOnlyKeys("bellwether.peers");
	}

	@Test
	void failsWhenBothAPeerListAndDiscoveryAreSet() {
		assertThatThrownBy(() -> PodIdentity.resolve("1", null, THREE, true))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("set either bellwether.peers or bellwether.discovery.replicas, not both");
	}

	@Test
	void failsOnAPodOutsideTheReplicas() {
		assertThatThrownBy(() -> PodIdentity.resolve("ordinal", "bellwether-3", THREE, false))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("pod bellwether-3 is peer 4 but bellwether.discovery.replicas=3 allows ids 1-3: change the "
					+ "replicas of the StatefulSet and BELLWETHER_DISCOVERY_REPLICAS together");
	}

	@Test
	void discoveryValuesAreValidated() {
		assertThatThrownBy(() -> new DiscoveryProperties(0, "p-{ordinal}", 7001))
			.hasMessage("bellwether.discovery.replicas must be between 1 and 256, got 0");
		assertThatThrownBy(() -> new DiscoveryProperties(257, "p-{ordinal}", 7001))
			.hasMessage("bellwether.discovery.replicas must be between 1 and 256, got 257");
		assertThatThrownBy(() -> new DiscoveryProperties(3, null, 7001))
			.hasMessage("bellwether.discovery.replicas is set but bellwether.discovery.host-pattern is not: "
					+ "say where pod {ordinal} listens, e.g. bellwether-{ordinal}.bellwether-hb");
		assertThatThrownBy(() -> new DiscoveryProperties(3, "bellwether.bellwether-hb", 7001))
			.hasMessage("bellwether.discovery.host-pattern 'bellwether.bellwether-hb' must contain {ordinal} "
					+ "(or {id}), e.g. bellwether-{ordinal}.bellwether-hb");
		assertThatThrownBy(() -> new DiscoveryProperties(3, "p-{ordinal} x", 7001))
			.hasMessage("bellwether.discovery.host-pattern 'p-{ordinal} x' must not contain white space");
		assertThatThrownBy(() -> new DiscoveryProperties(null, "p-{ordinal}", 7001))
			.hasMessage("bellwether.discovery.host-pattern is set but bellwether.discovery.replicas is not: "
					+ "set the group's size (the StatefulSet's replicas)");
		assertThatThrownBy(() -> new DiscoveryProperties(3, "p-{ordinal}", 70000))
			.hasMessage("bellwether.discovery.port 70000 is out of range 1-65535");
		assertThat(new DiscoveryProperties(3, "p-{ordinal}", 7001)).extracting(DiscoveryProperties::enabled)
			.isEqualTo(true);
	}

}

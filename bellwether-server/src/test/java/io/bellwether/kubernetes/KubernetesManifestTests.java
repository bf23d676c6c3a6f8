package io.bellwether.kubernetes;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.bellwether.config.DiscoveryProperties;
import io.bellwether.config.PeerProperties;
import io.bellwether.config.PodIdentityEnvironmentPostProcessor;
import io.bellwether.config.QuorumMode;
import io.bellwether.testsupport.KubernetesManifests;
import io.bellwether.testsupport.LocalCluster;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The {@code k8s/} manifests, rendered by {@code kubectl kustomize} and parsed strictly
 * into the Kubernetes model (base and the five-majority overlay), checked against the
 * application: every environment variable binds to a property the peer reads, the
 * container ports are the ports it listens on, the probes are endpoints that answer 200
 * on a running peer, and the rest of what docs/kubernetes.md promises.
 */
class KubernetesManifestTests {

	private static final Map<String, String> POD_LABELS = Map.of("app.kubernetes.io/name", "bellwether");

	/** Read by the JVM itself, not by Spring. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

	static Stream<Arguments> variants() {
		return Stream.of(Arguments.of("", 3, QuorumMode.NONE),
				Arguments.of("overlays/five-majority", 5, QuorumMode.MAJORITY));
	}

	@ParameterizedTest(name = "k8s/{0}")
	@MethodSource("variants")
	void rendersExactlyTheDocumentedResources(String variant) {
		KubernetesManifests manifests = KubernetesManifests.render(variant);
		assertThat(manifests.resources().stream().map((resource) -> resource.getKind()).sorted())
			.containsExactly("NetworkPolicy", "PodDisruptionBudget", "Secret", "Service", "Service", "StatefulSet");
		manifests.resources()
			.stream()
			.filter((resource) -> !(resource instanceof Secret))
			.forEach((resource) -> assertThat(resource.getMetadata().getLabels()).containsAllEntriesOf(POD_LABELS));
	}

	@Test
	void strictParsingRejectsWhatKubernetesWouldNot() {
		assertThatThrownBy(() -> KubernetesManifests.parse("typo",
				"apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\nspec: {podManagmentPolicy: Parallel}\n"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("podManagmentPolicy");
		assertThatThrownBy(() -> KubernetesManifests.parse("deep typo",
				"apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: 1, targetport: 2}]}\n"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("targetport");
		assertThatThrownBy(
				() -> KubernetesManifests.parse("kind", "apiVersion: v1\nkind: Servic\nmetadata: {name: x}\n"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("v1/Servic");
		assertThatThrownBy(() -> KubernetesManifests.parse("type",
				"apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\nspec: {replicas: three}\n"))
			.isInstanceOf(RuntimeException.class);
	}

	@ParameterizedTest(name = "k8s/{0}")
	@MethodSource("variants")
	void statefulSetStartsAllPeersAtOnceBehindAHeadlessService(String variant, int replicas) {
		KubernetesManifests manifests = KubernetesManifests.render(variant);
		StatefulSet set = manifests.only(StatefulSet.class);
		assertThat(set.getMetadata().getName()).isEqualTo("bellwether");
		assertThat(set.getSpec().getReplicas()).isEqualTo(replicas);
		assertThat(set.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
		assertThat(set.getSpec().getSelector().getMatchLabels()).isEqualTo(POD_LABELS);
		assertThat(set.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(POD_LABELS);

		Service headless = manifests.named(Service.class, set.getSpec().getServiceName());
		assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
		assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
		assertThat(headless.getSpec().getSelector()).isEqualTo(POD_LABELS);
		assertThat(headless.getSpec().getPorts()).singleElement().satisfies((port) -> {
			assertThat(port.getPort()).isEqualTo(containerPort(manifests, "heartbeat"));
			assertThat(port.getTargetPort()).isEqualTo(new IntOrString("heartbeat"));
		});

		Service http = manifests.named(Service.class, "bellwether");
		assertThat(http.getSpec().getClusterIP()).isNull();
		assertThat(http.getSpec().getSelector()).isEqualTo(POD_LABELS);
		assertThat(http.getSpec().getPorts()).singleElement()
			.satisfies((port) -> assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http")));
	}

	@ParameterizedTest(name = "k8s/{0}")
	@MethodSource("variants")
	void everyEnvironmentVariableBindsToARealPropertyAndTheGroupFollowsTheReplicas(String variant, int replicas,
			QuorumMode quorum) {
		KubernetesManifests manifests = KubernetesManifests.render(variant);
		for (int ordinal = 0; ordinal < replicas; ordinal++) {
			Map<String, String> environment = manifests.podEnvironment(ordinal);
			Binding binding = bind(environment);
			for (String variable : environment.keySet()) {
				if (variable.equals("HOSTNAME") || JVM_VARIABLES.contains(variable)) {
					continue;
				}
				ConfigurationPropertySource only = environmentOf(variable, environment.get(variable));
				assertThat(binding.bound()).as("%s of k8s/%s binds to a property the peer reads", variable, variant)
					.anyMatch((name) -> only.getConfigurationProperty(name) != null);
			}
			PeerProperties peer = binding.peer();
			assertThat(peer.selfId()).as("pod bellwether-%d", ordinal).isEqualTo(ordinal + 1);
			assertThat(peer.group()).hasSize(replicas);
			assertThat(peer.group().get(ordinal).host()).isEqualTo("bellwether-" + ordinal + ".bellwether-hb");
			assertThat(peer.election().quorum()).isEqualTo(quorum);
			assertThat(peer.bindPort()).as("heartbeat container port").isEqualTo(containerPort(manifests, "heartbeat"));
			assertThat(binding.serverPort()).as("http container port").isEqualTo(containerPort(manifests, "http"));
		}
		assertThat(manifests.podEnvironment(0)).containsEntry("BELLWETHER_DISCOVERY_REPLICAS",
				String.valueOf(manifests.only(StatefulSet.class).getSpec().getReplicas()));
	}

	@ParameterizedTest(name = "k8s/{0}")
	@MethodSource("variants")
	void containerPortsAreThoseTheImageExposes(String variant) throws IOException {
		KubernetesManifests manifests = KubernetesManifests.render(variant);
		Container container = manifests.peerContainer();
		assertThat(container.getPorts()).extracting(ContainerPort::getName).containsExactly("heartbeat", "http");
		String dockerfile = Files.readString(Path.of("..", "Dockerfile"));
		Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(dockerfile);
		assertThat(expose.find()).isTrue();
		assertThat(expose.group(1).trim().split("\\s+")).containsExactlyInAnyOrder(
				String.valueOf(containerPort(manifests, "heartbeat")),
				String.valueOf(containerPort(manifests, "http")));
		String compose = Files.readString(Path.of("..", "docker-compose.yml"));
		assertThat(compose).contains("image: " + container.getImage());
		assertThat(container.getImage()).isEqualTo("bellwether:local");
	}

	@ParameterizedTest(name = "k8s/{0}")
	@MethodSource("variants")
	void probesAreTheActuatorHealthGroups(String variant) throws IOException {
		KubernetesManifests manifests = KubernetesManifests.render(variant);
		Container container = manifests.peerContainer();
		assertThat(path(container.getStartupProbe())).isEqualTo("/actuator/health/liveness");
		assertThat(path(container.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
		assertThat(path(container.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
		for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
				container.getReadinessProbe())) {
			assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
		}
		// the startup probe allows for a slow JVM start on a busy node before liveness
		// takes
		// over
		Probe startup = container.getStartupProbe();
		assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).isGreaterThanOrEqualTo(120);

		PodSpec pod = manifests.only(StatefulSet.class).getSpec().getTemplate().getSpec();
		Duration phase = Duration.ofSeconds(Long.parseLong(
				applicationProperties().getProperty("spring.lifecycle.timeout-per-shutdown-phase").replace("s", "")));
		assertThat(pod.getTerminationGracePeriodSeconds()).as("time for LEAVE and the graceful shutdown")
			.isGreaterThan(phase.plusSeconds(5).toSeconds());
	}

	@Test
	void probePathsAnswer200OnARunningPeer() throws Exception {
		KubernetesManifests base = KubernetesManifests.render("");
		KubernetesManifests five = KubernetesManifests.render("overlays/five-majority");
		List<String> paths = new ArrayList<>();
		for (Container container : List.of(base.peerContainer(), five.peerContainer())) {
			for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
					container.getReadinessProbe())) {
				paths.add(path(probe));
			}
		}
		try (LocalCluster cluster = new LocalCluster(3, "bellwether.election.quorum=majority").startAll()) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> cluster.leaders().values().stream().allMatch((leader) -> leader == 1));
			for (String path : paths.stream().distinct().toList()) {
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					HttpResponse<String> response = cluster.get(2, path);
					assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
				});
			}
		}
	}

	@ParameterizedTest(name = "k8s/{0}")
	@MethodSource("variants")
	void podsRunAsTheImagesUnprivilegedUserOnAReadOnlyRoot(String variant) throws IOException {
		KubernetesManifests manifests = KubernetesManifests.render(variant);
		PodSpec pod = manifests.only(StatefulSet.class).getSpec().getTemplate().getSpec();
		Matcher uid = Pattern.compile("--uid (\\d+)").matcher(Files.readString(Path.of("..", "Dockerfile")));
		assertThat(uid.find()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(Long.parseLong(uid.group(1)));
		assertThat(pod.getAutomountServiceAccountToken()).isFalse();
		assertThat(pod.getEnableServiceLinks()).as("no service variables next to the peer's settings").isFalse();
		Container container = manifests.peerContainer();
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(container.getVolumeMounts()).anySatisfy((mount) -> {
			assertThat(mount.getMountPath()).isEqualTo("/tmp");
			assertThat(pod.getVolumes()).anySatisfy((volume) -> {
				assertThat(volume.getName()).isEqualTo(mount.getName());
				assertThat(volume.getEmptyDir()).isNotNull();
			});
		});
	}

	@ParameterizedTest(name = "k8s/{0}")
	@MethodSource("variants")
	void resourcesFitTheMeasuredFootprint(String variant) {
		KubernetesManifests manifests = KubernetesManifests.render(variant);
		var resources = manifests.peerContainer().getResources();
		// measured: ~103 MiB resident in a 256 MB container (docs/docker.md)
		assertThat(bytes(resources.getRequests().get("memory"))).isGreaterThan(103L << 20);
		assertThat(bytes(resources.getLimits().get("memory"))).isGreaterThanOrEqualTo(256L << 20)
			.isGreaterThanOrEqualTo(bytes(resources.getRequests().get("memory")));
		assertThat(resources.getRequests()).containsKey("cpu");
		assertThat(Quantity.getAmountInBytes(resources.getLimits().get("cpu")))
			.isGreaterThanOrEqualTo(Quantity.getAmountInBytes(resources.getRequests().get("cpu")));
	}

	@ParameterizedTest(name = "k8s/{0}")
	@MethodSource("variants")
	void disruptionsAndPlacementSpreadThePeers(String variant) {
		KubernetesManifests manifests = KubernetesManifests.render(variant);
		PodDisruptionBudget budget = manifests.only(PodDisruptionBudget.class);
		assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
		assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(POD_LABELS);
		List<WeightedPodAffinityTerm> preferred = manifests.only(StatefulSet.class)
			.getSpec()
			.getTemplate()
			.getSpec()
			.getAffinity()
			.getPodAntiAffinity()
			.getPreferredDuringSchedulingIgnoredDuringExecution();
		assertThat(preferred).singleElement().satisfies((term) -> {
			assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
			assertThat(term.getPodAffinityTerm().getLabelSelector().getMatchLabels()).isEqualTo(POD_LABELS);
		});
	}

	@ParameterizedTest(name = "k8s/{0}")
	@MethodSource("variants")
	void secretKeyComesFromTheGeneratedSecret(String variant) {
		KubernetesManifests manifests = KubernetesManifests.render(variant);
		EnvVar secret = manifests.peerContainer()
			.getEnv()
			.stream()
			.filter((variable) -> variable.getName().equals("BELLWETHER_SECRET"))
			.findFirst()
			.orElseThrow();
		var ref = secret.getValueFrom().getSecretKeyRef();
		assertThat(manifests.named(Secret.class, ref.getName()).getData()).containsKey(ref.getKey());
		assertThat(ref.getName()).startsWith("bellwether-secret-");
	}

	@ParameterizedTest(name = "k8s/{0}")
	@MethodSource("variants")
	void onlyTheGroupsPodsReachTheHeartbeatPort(String variant) {
		KubernetesManifests manifests = KubernetesManifests.render(variant);
		NetworkPolicy policy = manifests.only(NetworkPolicy.class);
		assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(POD_LABELS);
		assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
		int heartbeat = containerPort(manifests, "heartbeat");
		List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
		assertThat(rules).anySatisfy((rule) -> assertThat(rule.getPorts()).extracting(NetworkPolicyPort::getPort)
			.anyMatch((port) -> matches(manifests, port, heartbeat)));
		for (NetworkPolicyIngressRule rule : rules) {
			assertThat(rule.getPorts()).as("a rule without ports would open every port").isNotEmpty();
			if (rule.getPorts().stream().anyMatch((port) -> matches(manifests, port.getPort(), heartbeat))) {
				assertThat(rule.getFrom()).singleElement().satisfies((peer) -> {
					assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(POD_LABELS);
					assertThat(peer.getNamespaceSelector()).isNull();
					assertThat(peer.getIpBlock()).isNull();
				});
			}
		}
	}

	@ParameterizedTest(name = "k8s/{0}")
	@MethodSource("variants")
	void prometheusAnnotationsPointAtTheMetricsEndpoint(String variant) throws IOException {
		KubernetesManifests manifests = KubernetesManifests.render(variant);
		Map<String, String> annotations = manifests.only(StatefulSet.class)
			.getSpec()
			.getTemplate()
			.getMetadata()
			.getAnnotations();
		assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
			.containsEntry("prometheus.io/path", "/actuator/prometheus")
			.containsEntry("prometheus.io/port", String.valueOf(containerPort(manifests, "http")));
		assertThat(applicationProperties().getProperty("management.endpoints.web.exposure.include"))
			.contains("prometheus");
	}

	private static boolean matches(KubernetesManifests manifests, IntOrString port, int number) {
		return (port.getIntVal() != null) ? port.getIntVal() == number
				: containerPort(manifests, port.getStrVal()) == number;
	}

	private static int containerPort(KubernetesManifests manifests, String name) {
		return manifests.peerContainer()
			.getPorts()
			.stream()
			.filter((port) -> port.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port " + name))
			.getContainerPort();
	}

	private static String path(Probe probe) {
		assertThat(probe).isNotNull();
		return probe.getHttpGet().getPath();
	}

	private static long bytes(Quantity quantity) {
		return Quantity.getAmountInBytes(quantity).longValueExact();
	}

	private static Properties applicationProperties() throws IOException {
		Properties properties = new Properties();
		try (var in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
			properties.load(in);
		}
		return properties;
	}

	/**
	 * An environment of one variable, as the binder sees it: asked for a property name,
	 * it answers when Spring maps the variable to that name.
	 */
	private static ConfigurationPropertySource environmentOf(String variable, String value) {
		return ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, value)));
	}

	/**
	 * Binds the peer's properties from exactly this environment, as the application does:
	 * pod identity and discovery first, then every {@code @ConfigurationProperties} the
	 * variables are meant for, recording each property name that was bound.
	 */
	private static Binding bind(Map<String, String> environment) {
		StandardEnvironment spring = new StandardEnvironment();
		MutablePropertySources sources = spring.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new LinkedHashMap<>(environment)));
		new PodIdentityEnvironmentPostProcessor(new DeferredLogs()).postProcessEnvironment(spring,
				new SpringApplication());
		Set<ConfigurationPropertyName> bound = new HashSet<>();
		BindHandler recording = new AbstractBindHandler() {
			@Override
			public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Object result) {
				if (context.getConfigurationProperty() != null) {
					bound.add(context.getConfigurationProperty().getName());
				}
				return result;
			}
		};
		Binder binder = new Binder(ConfigurationPropertySources.get(spring));
		PeerProperties peer = binder.bind("bellwether", Bindable.of(PeerProperties.class), recording).get();
		binder.bind("bellwether.discovery", Bindable.of(DiscoveryProperties.class), recording);
		ServerProperties server = binder.bind("server", Bindable.of(ServerProperties.class), recording)
			.orElseGet(ServerProperties::new);
		return new Binding(peer, (server.getPort() != null) ? server.getPort() : 8080, bound);
	}

	private record Binding(PeerProperties peer, int serverPort, Set<ConfigurationPropertyName> bound) {
	}

}

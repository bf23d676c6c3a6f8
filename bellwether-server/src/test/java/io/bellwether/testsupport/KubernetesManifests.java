package io.bellwether.testsupport;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests of {@code k8s/} as Kubernetes renders them: {@code kubectl kustomize}
 * (Debian's kubernetes-client, or any kubectl with kustomize built in), every document
 * parsed <em>strictly</em> into the fabric8 model class of its kind: an unknown kind, an
 * unknown field anywhere (which fabric8 would otherwise keep in
 * {@code additionalProperties}) or a value that does not survive the round trip through
 * the model fails.
 */
public final class KubernetesManifests {

	/**
	 * The repository's {@code k8s/} directory (tests run in {@code bellwether-server/}).
	 */
	public static final Path K8S = Path.of("..", "k8s");

	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("v1/Secret", Secret.class,
			"v1/Service", Service.class, "apps/v1/StatefulSet", StatefulSet.class, "policy/v1/PodDisruptionBudget",
			PodDisruptionBudget.class, "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Rendered once per directory and JVM: the files do not change during a test run. */
	private static final Map<String, KubernetesManifests> RENDERED = new ConcurrentHashMap<>();

	private final String directory;

	private final List<HasMetadata> resources;

	private KubernetesManifests(String directory, List<HasMetadata> resources) {
		this.directory = directory;
		this.resources = resources;
	}

	/**
	 * Renders {@code k8s/<directory>} with {@code kubectl kustomize} and parses it.
	 * @param directory below {@code k8s/}, {@code ""} for {@code k8s/} itself
	 * @return the manifests
	 */
	public static KubernetesManifests render(String directory) {
		return RENDERED.computeIfAbsent(directory, KubernetesManifests::renderNow);
	}

	private static KubernetesManifests renderNow(String directory) {
		Path kubectl = RequiredTool.at("/usr/bin/kubectl", "kubernetes-client");
		Path dir = directory.isEmpty() ? K8S : K8S.resolve(directory);
		try {
			Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()).start();
			process.getOutputStream().close();
			String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			byte[] err = process.getErrorStream().readAllBytes();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, new String(err)).isZero();
			return parse(directory, yaml);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Parses rendered manifests strictly.
	 * @param name what they are, for messages
	 * @param yaml the documents
	 * @return the manifests
	 */
	@SuppressWarnings("unchecked")
	public static KubernetesManifests parse(String name, String yaml) {
		List<HasMetadata> resources = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
			if (document == null) {
				continue;
			}
			Map<String, Object> tree = (Map<String, Object>) document;
			String type = tree.get("apiVersion") + "/" + tree.get("kind");
			Class<? extends HasMetadata> kind = KINDS.get(type);
			assertThat(kind).as("%s: a kind the tests know (%s)", type, KINDS.keySet()).isNotNull();
			HasMetadata resource = JSON.convertValue(tree, kind);
			String where = type + " " + resource.getMetadata().getName();
			assertThat(unknownFields(resource, where)).as("fields the Kubernetes API does not know").isEmpty();
			// as JSON text, so that 10001 read as an int and written from a long compare
			// equal
			assertThat(JSON.readTree(JSON.writeValueAsString(resource)))
				.as("%s survives the round trip through the model unchanged", where)
				.isEqualTo(JSON.readTree(JSON.writeValueAsString(tree)));
			resources.add(resource);
		}
		return new KubernetesManifests(name, List.copyOf(resources));
	}

	/** Every non-empty {@code additionalProperties} below {@code root}, with its path. */
	private static List<String> unknownFields(Object root, String where) {
		List<String> found = new ArrayList<>();
		collectUnknown(root, where, found, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
		return found;
	}

	private static void collectUnknown(Object node, String path, List<String> found, Set<Object> seen) {
		if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
				|| node instanceof Enum<?> || !seen.add(node)) {
			return;
		}
		if (node instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				collectUnknown(item, path + "[" + i++ + "]", found, seen);
			}
			return;
		}
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> collectUnknown(value, path + "." + key, found, seen));
			return;
		}
		if (!node.getClass().getName().startsWith("io.fabric8.")) {
			return;
		}
		for (Method method : node.getClass().getMethods()) {
			if (method.getParameterCount() != 0 || !method.getName().startsWith("get")
					|| method.getDeclaringClass() == Object.class) {
				continue;
			}
			Object value;
			try {
				value = method.invoke(node);
			}
			catch (ReflectiveOperationException ex) {
				continue;
			}
			String child = path + "." + Character.toLowerCase(method.getName().charAt(3))
					+ method.getName().substring(4);
			if (method.getName().equals("getAdditionalProperties")) {
				if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
					found.add(path + ": " + extra.keySet());
				}
			}
			else {
				collectUnknown(value, child, found, seen);
			}
		}
	}

	/**
	 * @return what was rendered, e.g. {@code overlays/five-majority}
	 */
	public String directory() {
		return this.directory;
	}

	/**
	 * @return every resource, in the rendered order
	 */
	public List<HasMetadata> resources() {
		return this.resources;
	}

	/**
	 * The one resource of a kind.
	 * @param <T> the kind
	 * @param kind its class
	 * @return it
	 */
	public <T extends HasMetadata> T only(Class<T> kind) {
		List<T> all = all(kind);
		assertThat(all).as("one %s", kind.getSimpleName()).hasSize(1);
		return all.get(0);
	}

	/**
	 * Every resource of a kind.
	 * @param <T> the kind
	 * @param kind its class
	 * @return them
	 */
	public <T extends HasMetadata> List<T> all(Class<T> kind) {
		return this.resources.stream().filter(kind::isInstance).map(kind::cast).toList();
	}

	/**
	 * A resource by kind and name.
	 * @param <T> the kind
	 * @param kind its class
	 * @param name its name
	 * @return it
	 */
	public <T extends HasMetadata> T named(Class<T> kind, String name) {
		return all(kind).stream()
			.filter((resource) -> resource.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " in " + this.directory));
	}

	/**
	 * @return the StatefulSet's one container, the peer
	 */
	public Container peerContainer() {
		List<Container> containers = only(StatefulSet.class).getSpec().getTemplate().getSpec().getContainers();
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	/**
	 * The environment the StatefulSet gives the container of pod {@code ordinal}: its
	 * {@code env} with values from Secrets and the downward API filled in, plus
	 * {@code HOSTNAME} (the pod name, set by Kubernetes). Kubernetes adds no service
	 * variables ({@code enableServiceLinks: false}, checked by the manifest tests); the
	 * image adds only {@code JAVA_HOME} and {@code PATH}.
	 * @param ordinal the pod's ordinal
	 * @return name to value, in the manifest's order
	 */
	public Map<String, String> podEnvironment(int ordinal) {
		StatefulSet set = only(StatefulSet.class);
		String podName = set.getMetadata().getName() + "-" + ordinal;
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("HOSTNAME", podName);
		for (EnvVar variable : peerContainer().getEnv()) {
			environment.put(variable.getName(), valueOf(variable, podName));
		}
		return environment;
	}

	private String valueOf(EnvVar variable, String podName) {
		if (variable.getValueFrom() == null) {
			return (variable.getValue() != null) ? variable.getValue() : "";
		}
		if (variable.getValueFrom().getSecretKeyRef() != null) {
			var ref = variable.getValueFrom().getSecretKeyRef();
			Secret secret = named(Secret.class, ref.getName());
			String data = (secret.getData() != null) ? secret.getData().get(ref.getKey()) : null;
			if (data == null && secret.getStringData() != null) {
				return secret.getStringData().get(ref.getKey());
			}
			assertThat(data).as("key %s of Secret %s", ref.getKey(), ref.getName()).isNotNull();
			return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
		}
		if (variable.getValueFrom().getFieldRef() != null) {
			return switch (variable.getValueFrom().getFieldRef().getFieldPath()) {
				case "metadata.name" -> podName;
				case "metadata.namespace" -> "default";
				default -> throw new AssertionError("field " + variable.getValueFrom().getFieldRef().getFieldPath());
			};
		}
		throw new AssertionError("environment variable " + variable.getName() + " from an unsupported source");
	}

}

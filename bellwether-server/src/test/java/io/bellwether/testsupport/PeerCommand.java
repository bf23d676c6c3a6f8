package io.bellwether.testsupport;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.bellwether.BellwetherApplication;

/**
 * How the peers of one group are started as processes: which JVM, the built jar or the
 * test class path, the seed's positional command line or the property form, each peer's
 * heartbeat address and port, extra arguments. Every peer gets a random free HTTP port on
 * 127.0.0.1. Set it up with the {@code with...} methods, then hand it to
 * {@link PeerProcesses}.
 */
public final class PeerCommand {

	/** The peer's fat jar, from a module directory (Maven runs tests there). */
	public static final Path JAR = Path.of("..", "target", "bellwether.jar");

	private final List<Integer> ids;

	private final Map<Integer, Integer> httpPorts = new LinkedHashMap<>();

	private IntUnaryOperator heartbeatPorts;

	private IntFunction<String> addresses = (id) -> "127.0.0.1";

	private Jvm jvm = Jvm.standard();

	private Path jar = JAR;

	private boolean testClassPath;

	private boolean seedStyle = true;

	private boolean groupArguments = true;

	private final List<String> args = new ArrayList<>();

	private final Map<String, String> environment = new LinkedHashMap<>();

	private Placement placement;

	private PeerCommand(List<Integer> ids) {
		this.ids = List.copyOf(ids);
		int[] heartbeat = LocalCluster.freePorts(ids.size());
		int[] http = LocalCluster.freePorts(ids.size());
		Map<Integer, Integer> heartbeatById = new LinkedHashMap<>();
		for (int i = 0; i < ids.size(); i++) {
			heartbeatById.put(ids.get(i), heartbeat[i]);
			this.httpPorts.put(ids.get(i), http[i]);
		}
		this.heartbeatPorts = heartbeatById::get;
	}

	/**
	 * Peers 1 to {@code size} of the built jar, seed command line, random free ports.
	 * @param size the group's size
	 * @return the command
	 */
	public static PeerCommand group(int size) {
		return new PeerCommand(IntStream.rangeClosed(1, size).boxed().toList());
	}

	/**
	 * Processes joining a {@link LocalCluster}'s group: its ids and heartbeat ports, the
	 * property form, the test class path (so the process runs the code under test).
	 * @param cluster the in-JVM peers' cluster
	 * @return the command
	 */
	public static PeerCommand joining(LocalCluster cluster) {
		return new PeerCommand(cluster.ids()).withHeartbeatPorts(cluster::heartbeatPort)
			.withTestClassPath()
			.withPropertyForm();
	}

	/**
	 * Just the application, without any group on its command line (it configures itself
	 * from {@link #withEnvironment environment}).
	 * @return the command of one process, id 1
	 */
	public static PeerCommand bare() {
		PeerCommand command = new PeerCommand(List.of(1)).withTestClassPath();
		command.groupArguments = false;
		return command;
	}

	/** Runs on this JVM (default: {@link Jvm#standard()}). */
	public PeerCommand withJvm(Jvm jvm) {
		this.jvm = jvm;
		return this;
	}

	/** Runs this jar (default {@link #JAR}). */
	public PeerCommand withJar(Path jar) {
		this.jar = jar;
		this.testClassPath = false;
		return this;
	}

	/** Runs {@link BellwetherApplication} from the test's class path minus the tests. */
	public PeerCommand withTestClassPath() {
		this.testClassPath = true;
		return this;
	}

	/** {@code --bellwether.self-id=<id> --bellwether.peers=<id>@<host>:<port>,...}. */
	public PeerCommand withPropertyForm() {
		this.seedStyle = false;
		return this;
	}

	/** The seed's positional words, {@code <id> <host> <port> ...}, own triple first. */
	public PeerCommand withSeedStyle() {
		this.seedStyle = true;
		return this;
	}

	/**
	 * Each peer's heartbeats on an address of its own, {@code <prefix>.<id>} (e.g.
	 * {@code 127.0.1}), so that firewall rules can cut links between peers.
	 */
	public PeerCommand withLoopback(String prefix) {
		this.addresses = (id) -> prefix + "." + id;
		return this;
	}

	/** Heartbeat port by peer id (default: random free ports). */
	public PeerCommand withHeartbeatPorts(IntUnaryOperator ports) {
		this.heartbeatPorts = ports;
		return this;
	}

	/**
	 * Arguments after the group's, e.g. {@code --bellwether.election.quorum=majority}.
	 */
	public PeerCommand withArgs(String... more) {
		this.args.addAll(List.of(more));
		return this;
	}

	/** Environment variables added to the inherited ones. */
	public PeerCommand withEnvironment(Map<String, String> variables) {
		this.environment.putAll(variables);
		return this;
	}

	/**
	 * Started and reached as {@code placement} says (e.g. in a network namespace of its
	 * own, configured by environment like a Kubernetes pod): no group arguments.
	 */
	public PeerCommand withPlacement(Placement placement) {
		this.placement = placement;
		return this;
	}

	public List<Integer> ids() {
		return this.ids;
	}

	public String address(int id) {
		return this.addresses.apply(id);
	}

	public int heartbeatPort(int id) {
		return this.heartbeatPorts.applyAsInt(id);
	}

	public int httpPort(int id) {
		return this.httpPorts.get(id);
	}

	/** Base URI of the peer's HTTP port. */
	public URI http(int id) {
		return (this.placement != null) ? this.placement.http(id)
				: URI.create("http://127.0.0.1:" + httpPort(id) + "/");
	}

	/**
	 * The process of peer {@code id}, not started.
	 * @param id the peer
	 * @return its process builder (output not redirected yet)
	 */
	public ProcessBuilder processBuilder(int id) {
		List<String> command = new ArrayList<>();
		if (this.placement != null) {
			command.addAll(this.placement.prefix(id));
		}
		command.add(this.jvm.java().toString());
		command.addAll(this.jvm.flags());
		command.addAll(this.testClassPath ? List.of("-cp", classPath(), BellwetherApplication.class.getName())
				: List.of("-jar", this.jar.toAbsolutePath().toString()));
		if (this.placement == null && this.groupArguments) {
			command.addAll(this.seedStyle ? seedWords(id) : propertyForm(id));
			command.addAll(List.of("--server.port=" + httpPort(id), "--server.address=127.0.0.1",
					"--bellwether.bind-address=" + address(id)));
		}
		command.addAll(this.args);
		ProcessBuilder builder = new ProcessBuilder(command);
		if (this.placement != null) {
			builder.environment().clear();
			builder.environment().putAll(this.placement.environment(id));
		}
		builder.environment().putAll(this.environment);
		return builder;
	}

	/** The seed's positional words: this peer's triple first, then the others'. */
	private List<String> seedWords(int id) {
		List<String> words = new ArrayList<>(triple(id));
		this.ids.stream().filter((peer) -> peer != id).forEach((peer) -> words.addAll(triple(peer)));
		return words;
	}

	private List<String> triple(int id) {
		return List.of(String.valueOf(id), address(id), String.valueOf(heartbeatPort(id)));
	}

	private List<String> propertyForm(int id) {
		String peers = this.ids.stream()
			.map((peer) -> peer + "@" + address(peer) + ":" + heartbeatPort(peer))
			.collect(Collectors.joining(","));
		return List.of("--bellwether.self-id=" + id, "--bellwether.peers=" + peers);
	}

	private static String classPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes") && !entry.contains("surefirebooter"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	/**
	 * How peers are started and reached when they do not run on this host's loopback.
	 */
	public interface Placement {

		/** Words before {@code java}, e.g. {@code ip netns exec <namespace>}. */
		List<String> prefix(int id);

		/** The peer's whole environment (nothing is inherited). */
		Map<String, String> environment(int id);

		/** Base URI of the peer's HTTP port, e.g. {@code http://10.213.0.1:8080/}. */
		URI http(int id);

	}

}

package io.bellwether.chaos;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.bellwether.chaos.LeaderClaims.LeaderEvent;
import io.bellwether.testsupport.JvmFlags;
import io.bellwether.testsupport.LocalCluster;
import io.bellwether.testsupport.SseConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real peers as separate JVM processes running the built jar
 * ({@code target/bellwether.jar}), each with its own loopback address
 * ({@code 127.0.1.<id>}, heartbeats only; HTTP stays on 127.0.0.1) so that
 * {@link Firewall} rules can cut links between them. Faults are real signals:
 * {@code kill -9}, {@code SIGSTOP}/{@code SIGCONT}, {@code SIGTERM}.
 */
final class PeerProcesses implements AutoCloseable {

	static final Path JAR = Path.of("..", "target", "bellwether.jar");

	/** JVM flags of the README and scripts: {@code config/jvm.options}. */
	static final List<String> JVM_FLAGS = JvmFlags.standard();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int size;

	private final int[] heartbeatPorts;

	private final int[] httpPorts;

	private final List<String> extraArgs;

	private final Path logDir;

	private final Map<Integer, Process> running = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** Where peers run; {@code null}: on this host, positional command line. */
	private final Placement placement;

	PeerProcesses(String name, int size, String... extraArgs) throws IOException {
		this(name, size, null, extraArgs);
	}

	/**
	 * Peers started and reached as {@code placement} says (e.g. each in a network
	 * namespace of its own, configured by environment like a Kubernetes pod).
	 */
	PeerProcesses(String name, int size, Placement placement, String... extraArgs) throws IOException {
		this.size = size;
		this.heartbeatPorts = LocalCluster.freePorts(size);
		this.httpPorts = LocalCluster.freePorts(size);
		this.extraArgs = List.of(extraArgs);
		this.placement = placement;
		this.logDir = Path.of("target", "chaos", name);
		Files.createDirectories(this.logDir);
	}

	static String address(int id) {
		return "127.0.1." + id;
	}

	PeerProcesses startAll() throws IOException {
		for (int id = 1; id <= this.size; id++) {
			start(id);
		}
		return this;
	}

	void start(int id) throws IOException {
		if (this.placement != null) {
			List<String> command = new ArrayList<>(this.placement.prefix(id));
			command.add(ProcessHandle.current().info().command().orElse("java"));
			command.addAll(JVM_FLAGS);
			command.add("-jar");
			command.add(JAR.toAbsolutePath().toString());
			command.addAll(this.extraArgs);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log(id).toFile()));
			builder.environment().clear();
			builder.environment().putAll(this.placement.environment(id));
			this.running.put(id, builder.start());
			return;
		}
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(JVM_FLAGS);
		command.add("-jar");
		command.add(JAR.toString());
		command.add(id + " " + address(id) + " " + this.heartbeatPorts[id - 1]);
		IntStream.rangeClosed(1, this.size)
			.filter((peer) -> peer != id)
			.forEach((peer) -> command.add(peer + " " + address(peer) + " " + this.heartbeatPorts[peer - 1]));
		command.add("--server.port=" + this.httpPorts[id - 1]);
		command.add("--server.address=127.0.0.1");
		command.add("--bellwether.bind-address=" + address(id));
		command.addAll(this.extraArgs);
		List<String> words = command.stream().flatMap((arg) -> List.of(arg.split(" ")).stream()).toList();
		Path log = this.logDir.resolve("peer" + id + ".log");
		Process process = new ProcessBuilder(words).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		this.running.put(id, process);
	}

	/** {@code kill -9}: the process dies at once, without saying LEAVE. */
	void kill(int id) {
		Process process = this.running.remove(id);
		process.destroyForcibly();
		waitFor(process);
	}

	/** {@code SIGTERM}: a clean stop (the peer says LEAVE). */
	void stop(int id) {
		Process process = this.running.remove(id);
		process.destroy();
		waitFor(process);
	}

	/** {@code SIGSTOP}: the process stops at once, sockets and all. */
	Moment freeze(int id) {
		return signal(id, "STOP");
	}

	/** {@code SIGCONT}: the process goes on where it stopped. */
	Moment resume(int id) {
		return signal(id, "CONT");
	}

	private Moment signal(int id, String signal) {
		Instant from = Instant.now();
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(this.running.get(id).pid()))
				.inheritIO()
				.start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " failed");
			}
			return new Moment(from, Instant.now());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	List<Integer> runningIds() {
		return List.copyOf(this.running.keySet());
	}

	/**
	 * The peer's {@code /leader}: leaderId ({@link View#NONE} when it answers 503,
	 * {@link View#NO_ANSWER} when it does not answer) and term.
	 */
	View view(int id) {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(http(id).resolve("/leader")).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = JSON.readTree(response.body());
			if (response.statusCode() != 200) {
				return new View(View.NONE, body.path("term").asLong(), body.path("detail").asString());
			}
			return new View(body.get("leaderId").asInt(), body.get("term").asLong(), body.get("since").asString());
		}
		catch (IOException | RuntimeException ex) {
			return new View(View.NO_ANSWER, -1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new View(View.NO_ANSWER, -1, "interrupted");
		}
	}

	/** What each listed peer says about the leader. */
	Map<Integer, View> views(List<Integer> ids) {
		return ids.stream().collect(Collectors.toMap((id) -> id, this::view, (a, b) -> a, LinkedHashMap::new));
	}

	URI uri(int id, String path) {
		return URI.create("http://127.0.0.1:" + this.httpPorts[id - 1] + path);
	}

	/**
	 * What the peer's {@code /events} snapshot replays: its latest leader and membership
	 * changes ({@code ClusterEventStream.HISTORY} of them), stamped by the peer itself.
	 * @param id the peer
	 * @return its recent changes, oldest first
	 */
	History history(int id) {
		try (SseConnection events = SseConnection.open(this.httpPorts[id - 1])) {
			JsonNode snapshot = events.await(Duration.ofSeconds(10), (event) -> event.is("snapshot")).data();
			List<LeaderEvent> leader = new ArrayList<>();
			List<MembershipEvent> membership = new ArrayList<>();
			for (JsonNode recent : snapshot.path("recent")) {
				JsonNode data = recent.path("data");
				if ("leader".equals(recent.path("event").asString())) {
					leader.add(new LeaderEvent(id, data.path("previousLeaderId").asInt(), data.path("leaderId").asInt(),
							data.path("term").asLong(), instant(data.path("at"))));
				}
				else if ("membership".equals(recent.path("event").asString())) {
					membership.add(new MembershipEvent(id, data.path("peerId").asInt(), data.path("status").asString(),
							data.path("cause").asString(""), instant(data.path("at")), data.path("text").asString()));
				}
			}
			return new History(leader, membership);
		}
		catch (IOException ex) {
			throw new IllegalStateException("reading peer " + id + "'s /events failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Every listed peer's history. */
	Map<Integer, History> histories(List<Integer> ids) {
		return ids.stream().collect(Collectors.toMap((id) -> id, this::history, (a, b) -> a, LinkedHashMap::new));
	}

	/** An instant as Jackson writes it: ISO-8601 text, or seconds with a fraction. */
	private static Instant instant(JsonNode node) {
		if (node.isNumber()) {
			BigDecimal seconds = node.decimalValue();
			return Instant.ofEpochSecond(seconds.longValue(),
					seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
		}
		return Instant.parse(node.asString());
	}

	/** The peer's {@code /peers} statuses by id. */
	Map<Integer, String> statuses(int id) {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(http(id).resolve("/peers")).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			Map<Integer, String> statuses = new LinkedHashMap<>();
			for (JsonNode peer : JSON.readTree(response.body())) {
				statuses.put(peer.get("id").asInt(), peer.get("status").asString());
			}
			return statuses;
		}
		catch (IOException | RuntimeException ex) {
			return Map.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Map.of();
		}
	}

	/** Base URI of the peer's HTTP port. */
	URI http(int id) {
		return (this.placement != null) ? this.placement.http(id)
				: URI.create("http://127.0.0.1:" + this.httpPorts[id - 1] + "/");
	}

	/** The peer's process id. */
	long pid(int id) {
		return this.running.get(id).pid();
	}

	Path log(int id) {
		return this.logDir.resolve("peer" + id + ".log");
	}

	@Override
	public void close() {
		for (Process process : this.running.values()) {
			process.destroyForcibly();
			waitFor(process);
		}
		this.running.clear();
	}

	private static void waitFor(Process process) {
		try {
			process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * How peers are started and reached when they do not run on this host's loopback.
	 */
	interface Placement {

		/** Words before {@code java}, e.g. {@code ip netns exec <namespace>}. */
		List<String> prefix(int id);

		/** The peer's whole environment (nothing is inherited). */
		Map<String, String> environment(int id);

		/** Base URI of the peer's HTTP port, e.g. {@code http://10.213.0.1:8080/}. */
		URI http(int id);

	}

	/**
	 * One peer's answer to {@code /leader}.
	 *
	 * @param leaderId the leader, {@link #NONE} for none, {@link #NO_ANSWER} when the
	 * peer did not answer (peer ids start at 0)
	 * @param term the term
	 * @param detail {@code since} or the problem detail
	 */
	record View(int leaderId, long term, String detail) {

		/** The peer answered 503: it has no leader. */
		static final int NONE = -1;

		/** The peer did not answer. */
		static final int NO_ANSWER = -2;

	}

	/**
	 * A peer's recent changes, as it stamped them.
	 *
	 * @param leaderChanges changes of the leader it follows
	 * @param membershipChanges peers it saw become ALIVE or DEAD
	 */
	record History(List<LeaderEvent> leaderChanges, List<MembershipEvent> membershipChanges) {
	}

	/**
	 * A peer seen to become ALIVE or DEAD.
	 *
	 * @param observer the peer that saw it
	 * @param peerId the peer seen
	 * @param status ALIVE or DEAD
	 * @param cause why DEAD ({@code TIMEOUT}, {@code CONNECTION_LOST}, {@code LEAVE}),
	 * empty when ALIVE
	 * @param at when the observer detected it
	 * @param text its log line
	 */
	record MembershipEvent(int observer, int peerId, String status, String cause, Instant at, String text) {
	}

}

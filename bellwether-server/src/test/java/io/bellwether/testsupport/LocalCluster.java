package io.bellwether.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.bellwether.BellwetherApplication;
import io.bellwether.election.ElectionService;
import io.bellwether.election.Leadership;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.membership.PeerRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real peers, each a full application context in this JVM, on random free loopback ports.
 * Stopping a peer closes its context (a clean stop: it says LEAVE).
 */
public final class LocalCluster implements AutoCloseable {

	private final int size;

	private final int[] heartbeatPorts;

	private final String[] extraProperties;

	private final Map<Integer, ConfigurableApplicationContext> running = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	public LocalCluster(int size, String... extraProperties) {
		this.size = size;
		this.heartbeatPorts = freePorts(size);
		this.extraProperties = extraProperties;
	}

	public LocalCluster startAll() {
		for (int id = 1; id <= this.size; id++) {
			start(id);
		}
		return this;
	}

	public synchronized void start(int id) {
		String peers = java.util.stream.IntStream.rangeClosed(1, this.size)
			.mapToObj((peer) -> peer + "@127.0.0.1:" + this.heartbeatPorts[peer - 1])
			.collect(Collectors.joining(","));
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--bellwether.self-id=" + id,
				"--bellwether.peers=" + peers, "--bellwether.bind-address=127.0.0.1",
				"--spring.main.register-shutdown-hook=false", "--logging.level.io.bellwether=INFO"));
		for (String property : this.extraProperties) {
			args.add("--" + property);
		}
		this.running.put(id,
				new SpringApplicationBuilder(BellwetherApplication.class).run(args.toArray(String[]::new)));
	}

	public synchronized void stop(int id) {
		ConfigurableApplicationContext context = this.running.remove(id);
		if (context != null) {
			context.close();
		}
	}

	public synchronized List<Integer> runningIds() {
		return List.copyOf(this.running.keySet());
	}

	public synchronized Leadership leadership(int id) {
		return context(id).getBean(ElectionService.class).leadership();
	}

	public synchronized MembershipSnapshot membership(int id) {
		return context(id).getBean(PeerRegistry.class).snapshot();
	}

	public synchronized <T> T bean(int id, Class<T> type) {
		return context(id).getBean(type);
	}

	/** Leader id each running peer follows (0 for none), by peer id. */
	public Map<Integer, Integer> leaders() {
		Map<Integer, Integer> leaders = new LinkedHashMap<>();
		for (int id : runningIds()) {
			leaders.put(id, leadership(id).leaderId());
		}
		return leaders;
	}

	/** Term each running peer shows, by peer id. */
	public Map<Integer, Long> terms() {
		Map<Integer, Long> terms = new LinkedHashMap<>();
		for (int id : runningIds()) {
			terms.put(id, leadership(id).term());
		}
		return terms;
	}

	public int heartbeatPort(int id) {
		return this.heartbeatPorts[id - 1];
	}

	public synchronized int httpPort(int id) {
		return Integer.parseInt(context(id).getEnvironment().getProperty("local.server.port"));
	}

	/** GET a path from a peer's HTTP port. */
	public HttpResponse<String> get(int id, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort(id) + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private ConfigurableApplicationContext context(int id) {
		ConfigurableApplicationContext context = this.running.get(id);
		if (context == null) {
			throw new IllegalStateException("peer " + id + " is not running");
		}
		return context;
	}

	@Override
	public synchronized void close() {
		new ArrayList<>(this.running.keySet()).forEach(this::stop);
	}

	/**
	 * Distinct free ports on loopback (closed again before use; a small race we accept).
	 */
	public static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0);
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// ignore
				}
			}
		}
	}

}

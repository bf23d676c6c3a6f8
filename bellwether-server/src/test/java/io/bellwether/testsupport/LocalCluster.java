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
import io.bellwether.config.SeedCommandLine;
import io.bellwether.election.ElectionService;
import io.bellwether.election.Leadership;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.membership.PeerRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real peers, each a full application context in this JVM, on random free loopback ports.
 * Stopping a peer closes its context (a clean stop: it says LEAVE). The group is peers 1
 * to {@code size}, or any ids given to {@link #ofIds}; peers get the property form
 * ({@code bellwether.self-id}, {@code bellwether.peers}) or, after
 * {@link #seedCommandLine()}, the seed's positional words run through
 * {@link SeedCommandLine}.
 */
public final class LocalCluster implements AutoCloseable {

	private final List<Integer> ids;

	private final int[] heartbeatPorts;

	private final String[] extraProperties;

	private boolean seedCommandLine;

	private final Map<Integer, ConfigurableApplicationContext> running = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	public LocalCluster(int size, String... extraProperties) {
		this(java.util.stream.IntStream.rangeClosed(1, size).boxed().toList(), extraProperties);
	}

	private LocalCluster(List<Integer> ids, String... extraProperties) {
		this.ids = ids.stream().sorted().toList();
		this.heartbeatPorts = freePorts(ids.size());
		this.extraProperties = extraProperties;
	}

	/**
	 * A group of the given ids (e.g. 0, 1, 2, as the seed numbers its peers).
	 * @param ids the peer ids, distinct, non-negative
	 * @param extraProperties extra properties, {@code name=value}
	 * @return the cluster, not started
	 */
	public static LocalCluster ofIds(List<Integer> ids, String... extraProperties) {
		return new LocalCluster(ids, extraProperties);
	}

	/**
	 * Starts peers with the seed's positional command line
	 * ({@code <id> 127.0.0.1 <port> ...}, this peer's triple first) instead of the
	 * property form.
	 * @return this cluster
	 */
	public LocalCluster seedCommandLine() {
		this.seedCommandLine = true;
		return this;
	}

	/** The group's ids, ascending. */
	public List<Integer> ids() {
		return this.ids;
	}

	public LocalCluster startAll() {
		for (int id : this.ids) {
			start(id);
		}
		return this;
	}

	public synchronized void start(int id) {
		List<String> args = new ArrayList<>();
		if (this.seedCommandLine) {
			args.addAll(seedWords(id));
		}
		else {
			String peers = this.ids.stream()
				.map((peer) -> peer + "@127.0.0.1:" + heartbeatPort(peer))
				.collect(Collectors.joining(","));
			args.addAll(List.of("--bellwether.self-id=" + id, "--bellwether.peers=" + peers));
		}
		args.addAll(List.of("--server.port=0", "--bellwether.bind-address=127.0.0.1",
				"--spring.main.register-shutdown-hook=false", "--logging.level.io.bellwether=INFO"));
		for (String property : this.extraProperties) {
			args.add("--" + property);
		}
		String[] springArgs = this.seedCommandLine ? SeedCommandLine.toSpringArguments(args.toArray(String[]::new))
				: args.toArray(String[]::new);
		this.running.put(id, new SpringApplicationBuilder(BellwetherApplication.class).run(springArgs));
	}

	/**
	 * The seed's positional words for peer {@code id}: its own triple first, then the
	 * others' in ascending id order.
	 * @param id the peer
	 * @return {@code <id> 127.0.0.1 <port>} triples
	 */
	public List<String> seedWords(int id) {
		List<String> words = new ArrayList<>(
				List.of(String.valueOf(id), "127.0.0.1", String.valueOf(heartbeatPort(id))));
		for (int peer : this.ids) {
			if (peer != id) {
				words.addAll(List.of(String.valueOf(peer), "127.0.0.1", String.valueOf(heartbeatPort(peer))));
			}
		}
		return words;
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

	/**
	 * Leader id each running peer follows ({@code PeerView.NO_LEADER}, -1, for none), by
	 * peer id.
	 */
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
		int index = this.ids.indexOf(id);
		if (index < 0) {
			throw new IllegalArgumentException("peer " + id + " is not in the group " + this.ids);
		}
		return this.heartbeatPorts[index];
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

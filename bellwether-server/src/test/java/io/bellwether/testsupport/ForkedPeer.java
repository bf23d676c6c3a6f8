package io.bellwether.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.bellwether.BellwetherApplication;

import static org.awaitility.Awaitility.await;

/**
 * One peer of a {@link LocalCluster}'s group run as its own JVM process, so that a test
 * can crash it for real ({@link #kill()} is {@code kill -9}: no LEAVE, the kernel closes
 * its sockets). Uses the test's class path minus the test classes; output goes to
 * {@code target/forked-peers/}.
 */
public final class ForkedPeer implements AutoCloseable {

	private final int id;

	private final int httpPort;

	private final Process process;

	private final Path log;

	private final Thread reaper;

	private ForkedPeer(int id, int httpPort, Process process, Path log) {
		this.id = id;
		this.httpPort = httpPort;
		this.process = process;
		this.log = log;
		this.reaper = new Thread(process::destroyForcibly, "forked-peer-" + id + "-reaper");
		Runtime.getRuntime().addShutdownHook(this.reaper);
	}

	/**
	 * Starts a group of {@code size} whose peer 1 (the leader to be) is a process of its
	 * own, so that a test can kill it with SIGKILL, and peers 2..size run in
	 * {@code cluster}; waits until all of them follow peer 1.
	 * @param cluster the in-JVM peers' cluster (not started yet)
	 * @param size the group size
	 * @return the forked peer 1
	 * @throws IOException if the process cannot start
	 */
	public static ForkedPeer startAsLeader(LocalCluster cluster, int size) throws IOException {
		for (int id = 2; id <= size; id++) {
			cluster.start(id);
		}
		ForkedPeer leader = start(cluster, 1, size);
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> cluster.leaders().values().stream().allMatch((id) -> id == 1));
		return leader;
	}

	/**
	 * Starts peer {@code id} of the cluster's group (ids 1 to {@code size}, heartbeat
	 * ports as the cluster chose them) as a process, with the property form.
	 * @param cluster the cluster whose group this peer belongs to
	 * @param id the peer's id
	 * @param size the group's size
	 * @param properties extra properties, {@code name=value}
	 * @return the running process
	 * @throws IOException if it cannot be started
	 */
	public static ForkedPeer start(LocalCluster cluster, int id, int size, String... properties) throws IOException {
		String peers = IntStream.rangeClosed(1, size)
			.mapToObj((peer) -> peer + "@127.0.0.1:" + cluster.heartbeatPort(peer))
			.collect(Collectors.joining(","));
		return start(id, List.of("--bellwether.self-id=" + id, "--bellwether.peers=" + peers), properties);
	}

	/**
	 * Starts peer {@code id} of the cluster's group as a process with the seed's
	 * positional command line ({@code <id> 127.0.0.1 <port> ...}, its own triple first,
	 * see {@link LocalCluster#seedWords}), parsed by the application's {@code main}.
	 * @param cluster the cluster whose group this peer belongs to
	 * @param id the peer's id
	 * @param properties extra properties, {@code name=value}
	 * @return the running process
	 * @throws IOException if it cannot be started
	 */
	public static ForkedPeer startSeedStyle(LocalCluster cluster, int id, String... properties) throws IOException {
		return start(id, cluster.seedWords(id), properties);
	}

	private static ForkedPeer start(int id, List<String> peerArgs, String... properties) throws IOException {
		int httpPort = LocalCluster.freePorts(1)[0];
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JvmFlags.standard());
		command.addAll(List.of("-cp", classPath(), BellwetherApplication.class.getName()));
		command.addAll(peerArgs);
		command.addAll(List.of("--server.port=" + httpPort, "--bellwether.bind-address=127.0.0.1"));
		Arrays.stream(properties).map((property) -> "--" + property).forEach(command::add);
		Path dir = Path.of("target", "forked-peers");
		Files.createDirectories(dir);
		Path log = dir.resolve("peer" + id + "-" + System.currentTimeMillis() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new ForkedPeer(id, httpPort, process, log);
	}

	private static String classPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes") && !entry.contains("surefirebooter"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	public int id() {
		return this.id;
	}

	public int httpPort() {
		return this.httpPort;
	}

	public Path log() {
		return this.log;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Crashes the peer: SIGKILL, then waits until the process is gone.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException(
						"peer " + this.id + " (pid " + this.process.pid() + ") survived kill -9");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.reaper);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook runs anyway
		}
	}

}

package io.bellwether.examples.leaderjob;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end, as a user runs it: three processes of {@code target/leader-job.jar} on
 * random loopback ports, one job file. The job runs on exactly one instance; after
 * {@code kill -9} of the leader it resumes on the new leader with a higher term; after a
 * clean stop (SIGTERM) of the next one it resumes on the last; no two runs ever overlap.
 * Prints the measured failover times.
 */
class LeaderJobIT {

	private static final Duration START = Duration.ofMinutes(4);

	private static final Duration FAILOVER = Duration.ofSeconds(30);

	private final Map<Integer, Process> processes = new LinkedHashMap<>();

	private final Path dir = Paths.get("target", "leader-job-it");

	private final Path jobFile = this.dir.resolve("job.log");

	@AfterEach
	void stopAll() {
		this.processes.values().forEach(Process::destroyForcibly);
		for (Process process : this.processes.values()) {
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Test
	void theJobRunsOnExactlyOneInstanceAndMovesOnKillAndOnCleanStop() throws Exception {
		Files.createDirectories(this.dir);
		Files.deleteIfExists(this.jobFile);
		int[] ports = freePorts(3);
		String peers = IntStream.rangeClosed(1, 3)
			.mapToObj((id) -> id + "@127.0.0.1:" + ports[id - 1])
			.collect(Collectors.joining(","));
		// peer 1 first (alone it leads once its discovery timeout is over), then the
		// others join:
		// the lowest id stays leader, so the only handovers are the ones this test causes
		start(1, peers);
		await().atMost(START).until(() -> runs().size() >= 3);
		start(2, peers);
		start(3, peers);
		await().atMost(START).until(() -> started(2) && started(3));
		int before = runs().size();
		await().atMost(START).until(() -> runs().size() >= before + 10);
		assertThat(runs()).as("only peer 1 (the lowest id) runs the job").extracting(Run::peer).containsOnly(1);
		long firstTerm = runs().get(runs().size() - 1).term();

		// kill -9 of the leader: the job resumes on peer 2 in a higher term
		long killed = System.currentTimeMillis();
		this.processes.get(1).destroyForcibly().waitFor();
		await().atMost(FAILOVER).until(() -> !runsOf(2).isEmpty());
		Run firstOn2 = runsOf(2).get(0);
		assertThat(firstOn2.term()).isGreaterThan(firstTerm);
		long killFailover = firstOn2.start() - killed;

		// a clean stop of peer 2: the job resumes on peer 3 in a higher term
		await().atMost(FAILOVER).until(() -> runsOf(2).size() >= 5);
		long stopped = System.currentTimeMillis();
		this.processes.get(2).destroy();
		await().atMost(FAILOVER).until(() -> !runsOf(3).isEmpty());
		Run firstOn3 = runsOf(3).get(0);
		assertThat(firstOn3.term()).isGreaterThan(firstOn2.term());
		long lastOn2End = runsOf(2).stream().mapToLong(Run::end).max().orElseThrow();
		long stopFailover = firstOn3.start() - stopped;
		long stopGap = firstOn3.start() - lastOn2End;
		await().atMost(FAILOVER).until(() -> runsOf(3).size() >= 5);
		assertThat(this.processes.get(2).waitFor()).as("exit code after SIGTERM").isIn(0, 143);

		// no two runs overlap in time, and each term belongs to one peer
		List<Run> all = runs();
		all.sort(Comparator.comparingLong(Run::start));
		for (int i = 1; i < all.size(); i++) {
			assertThat(all.get(i).start()).as("run %s starts after run %s ended", all.get(i), all.get(i - 1))
				.isGreaterThanOrEqualTo(all.get(i - 1).end());
		}
		assertThat(all.stream()
			.collect(Collectors.groupingBy(Run::term, Collectors.mapping(Run::peer, Collectors.toSet())))
			.values()).allSatisfy((owners) -> assertThat(owners).hasSize(1));
		assertThat(all.get(all.size() - 1).peer()).isEqualTo(3);

		System.out.printf("leader-job failover: kill -9 of the leader -> first run on the new leader %d ms; "
				+ "clean stop (SIGTERM) -> first run on the next leader %d ms after the signal, %d ms after the "
				+ "old leader's last run ended; %d runs, none overlapping%n", killFailover, stopFailover, stopGap,
				all.size());
		assertThat(killFailover).as("kill -9 failover (ms)").isLessThan(2000);
		assertThat(stopFailover).as("clean stop handover (ms)").isLessThan(2000);
	}

	private void start(int id, String peers) throws IOException {
		String jar = System.getProperty("leader-job.jar", "target/leader-job.jar");
		List<String> command = new ArrayList<>(List.of(javaBin(),
				// the peers' JVM flags, as the scripts and the image use them
				"@" + Path.of("..", "..", "config", "jvm.options").toAbsolutePath(), "-jar", jar,
				"--bellwether.self-id=" + id, "--bellwether.peers=" + peers, "--bellwether.bind-address=127.0.0.1",
				"--job.file=" + this.jobFile.toAbsolutePath()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("peer-" + id + ".log").toFile());
		this.processes.put(id, builder.start());
	}

	/** Whether the instance has started and hears both others. */
	private boolean started(int id) throws IOException {
		String log = Files.readString(this.dir.resolve("peer-" + id + ".log"), StandardCharsets.UTF_8);
		return log.contains("Started LeaderJobApplication") && IntStream.rangeClosed(1, 3)
			.filter((peer) -> peer != id)
			.allMatch((peer) -> log.contains("peer " + peer + " ALIVE"));
	}

	private List<Run> runs() throws IOException {
		if (!Files.exists(this.jobFile)) {
			return new ArrayList<>();
		}
		List<Run> runs = new ArrayList<>();
		for (String line : Files.readAllLines(this.jobFile, StandardCharsets.US_ASCII)) {
			String[] words = line.trim().split(" ");
			if (words.length == 4) {
				runs.add(new Run(Integer.parseInt(words[0]), Long.parseLong(words[1]), Long.parseLong(words[2]),
						Long.parseLong(words[3])));
			}
		}
		return runs;
	}

	private List<Run> runsOf(int peer) throws IOException {
		return runs().stream().filter((run) -> run.peer() == peer).toList();
	}

	private static String javaBin() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

	private static int[] freePorts(int count) throws IOException {
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
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

	record Run(int peer, long term, long start, long end) {
	}

}

package io.bellwether.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * A group whose peer 1, the leader, is a process of its own (so that a test can crash it
 * for real: SIGKILL, no LEAVE, the kernel closes its sockets) and whose other peers run
 * in this JVM ({@link LocalCluster}). Register it with {@code @RegisterExtension}:
 * everything is stopped after each test.
 */
public final class ForkedLeaderGroup implements AfterEachCallback {

	private LocalCluster cluster;

	private PeerProcesses leader;

	/**
	 * Starts peers 2..size in this JVM, then peer 1 as a process from the test class
	 * path; waits until all of them follow peer 1.
	 * @param size the group size
	 * @param properties extra properties of the in-JVM peers, {@code name=value}
	 * @return the in-JVM peers
	 * @throws IOException if the process cannot start
	 */
	public LocalCluster start(int size, String... properties) throws IOException {
		this.cluster = new LocalCluster(size, properties);
		for (int id = 2; id <= size; id++) {
			this.cluster.start(id);
		}
		this.leader = new PeerProcesses(PeerCommand.joining(this.cluster), Path.of("target", "forked-peers"));
		this.leader.start(1);
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.cluster.leaders().values().stream().allMatch((id) -> id == 1));
		return this.cluster;
	}

	/** {@code kill -9} of peer 1, until its process is gone. */
	public void killLeader() {
		this.leader.kill(1);
	}

	public boolean leaderAlive() {
		return this.leader.isAlive(1);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.leader != null) {
			this.leader.close();
		}
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

}

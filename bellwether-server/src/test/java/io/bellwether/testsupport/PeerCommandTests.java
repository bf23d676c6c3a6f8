package io.bellwether.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PeerCommand}: the command lines of the test peers, no process started.
 */
class PeerCommandTests {

	@Test
	void seedStyleOnOwnLoopbackAddresses() {
		PeerCommand command = PeerCommand.group(3)
			.withLoopback("127.0.2")
			.withHeartbeatPorts((id) -> 7000 + id)
			.withJvm(new Jvm(Path.of("/jdk/bin/java"), List.of("-Xmx64m")))
			.withArgs("--bellwether.election.quorum=majority");
		List<String> words = command.processBuilder(2).command();
		assertThat(words.subList(0, 4)).containsExactly("/jdk/bin/java", "-Xmx64m", "-jar",
				PeerCommand.JAR.toAbsolutePath().toString());
		assertThat(words.subList(4, 13)).containsExactly("2", "127.0.2.2", "7002", "1", "127.0.2.1", "7001", "3",
				"127.0.2.3", "7003");
		assertThat(words.subList(13, words.size())).containsExactly("--server.port=" + command.httpPort(2),
				"--server.address=127.0.0.1", "--bellwether.bind-address=127.0.2.2",
				"--bellwether.election.quorum=majority");
	}

	@Test
	void propertyFormFromTheTestClassPath() {
		PeerCommand command = PeerCommand.group(2)
			.withHeartbeatPorts((id) -> 7100 + id)
			.withTestClassPath()
			.withPropertyForm();
		List<String> words = command.processBuilder(1).command();
		assertThat(words)
			.contains("-cp", "io.bellwether.BellwetherApplication", "--bellwether.self-id=1",
					"--bellwether.peers=1@127.0.0.1:7101,2@127.0.0.1:7102", "--bellwether.bind-address=127.0.0.1")
			.doesNotContain("-jar");
		assertThat(words.get(words.indexOf("-cp") + 1)).doesNotContain("test-classes");
	}

	@Test
	void theStandardJvmUsesTheFlagsFile() {
		assertThat(PeerCommand.group(1).processBuilder(1).command()).containsSequence(JvmFlags.standard());
	}

	@Test
	void bareHasNoGroupButItsEnvironment() {
		ProcessBuilder builder = PeerCommand.bare()
			.withEnvironment(Map.of("BELLWETHER_SELF_ID", "ordinal"))
			.processBuilder(1);
		assertThat(builder.command().get(builder.command().size() - 1))
			.isEqualTo("io.bellwether.BellwetherApplication");
		assertThat(builder.environment()).containsEntry("BELLWETHER_SELF_ID", "ordinal");
	}

	@Test
	void distinctHttpPorts() {
		PeerCommand command = PeerCommand.group(4);
		assertThat(command.ids().stream().map(command::httpPort).distinct()).hasSize(4);
		assertThat(command.http(1).toString()).isEqualTo("http://127.0.0.1:" + command.httpPort(1) + "/");
	}

}

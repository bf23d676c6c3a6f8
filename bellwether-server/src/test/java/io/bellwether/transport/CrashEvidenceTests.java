package io.bellwether.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failed reconnects prove a crash: only a refusal by the peer's host. A timeout (a
 * frozen process, a DROP rule) or an unreachable network proves nothing.
 */
class CrashEvidenceTests {

	static Stream<Arguments> failures() {
		return Stream.of(Arguments.of(new ConnectException("Connection refused"), true),
				Arguments.of(new ConnectException("Connection refused: connect"), true),
				Arguments.of(new SocketTimeoutException("Connect timed out"), false),
				Arguments.of(new ConnectException("Connection timed out"), false),
				Arguments.of(new NoRouteToHostException("No route to host"), false),
				Arguments.of(new SocketException("Network is unreachable"), false),
				Arguments.of(new ConnectException(null), false), Arguments.of(new IOException("stopping"), false));
	}

	@ParameterizedTest(name = "{0} -> crash {1}")
	@MethodSource("failures")
	void onlyARefusalIsEvidenceOfACrash(IOException failure, boolean crash) {
		assertThat(PeerLink.refused(failure)).isEqualTo(crash);
	}

}

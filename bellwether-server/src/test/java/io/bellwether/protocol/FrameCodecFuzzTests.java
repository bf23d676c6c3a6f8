package io.bellwether.protocol;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the decoder with Jazzer. In a normal build ({@code ./mvnw
 * verify}) each test runs once per input of its committed seed corpus in
 * {@code src/test/resources/io/bellwether/protocol/FrameCodecFuzzTestsInputs/<test>/}
 * (regression mode). To fuzz for ten minutes:
 *
 * <pre>
 * ./mvnw test -Pfuzz -Dfuzz.test=FrameCodecFuzzTests#decodeNeverFailsOtherwise
 * </pre>
 *
 * Any exception other than the codec's documented {@link FrameException} is a bug; so is
 * a decoded frame that does not encode back to the same bytes.
 */
class FrameCodecFuzzTests {

	private static final FrameCodec PLAIN = new FrameCodec();

	private static final FrameCodec SIGNED = new FrameCodec(
			new FrameAuthenticator(List.of("fuzz-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))));

	@FuzzTest(maxDuration = "10m")
	void decodeNeverFailsOtherwise(byte[] input) throws Exception {
		for (FrameCodec codec : List.of(PLAIN, SIGNED)) {
			Frame frame;
			try {
				frame = codec.decode(input);
			}
			catch (FrameException ex) {
				assertThat(ex.reason()).isNotNull();
				continue;
			}
			if (codec == PLAIN && (input[8] & 1) == 0) {
				assertThat(codec.encode(frame)).as("canonical encoding").isEqualTo(input);
			}
		}
	}

	@FuzzTest(maxDuration = "5m")
	void readNeverFailsOtherwise(byte[] input) throws Exception {
		ByteArrayInputStream in = new ByteArrayInputStream(input);
		try {
			while (PLAIN.read(in) != null) {
				// keep reading frames until the stream ends or a frame is bad
			}
		}
		catch (FrameException ex) {
			assertThat(ex.reason()).isNotNull();
		}
	}

}

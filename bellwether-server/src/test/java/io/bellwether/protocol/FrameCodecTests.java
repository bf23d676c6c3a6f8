package io.bellwether.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.bellwether.protocol.FrameException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests for {@link FrameCodec}. Malformed inputs are built by patching a valid frame at
 * the byte offsets of the layout (offsets count from the first byte of the length
 * prefix):
 *
 * <pre>
 *  0 length:u32   4 magic:u16   6 version:u8   7 type:u8   8 flags:u8   9 sender:i32
 * 13 incarnation:i64   21 sequence:i64   29 leader:i32   33 term:i64   41 aliveCount:u16
 * 43 alive:i32*n   43+4n sentAt:i64   51+4n echo:i64
 * </pre>
 */
class FrameCodecTests {

	static final int AT_LENGTH = 0;

	static final int AT_MAGIC = 4;

	static final int AT_VERSION = 6;

	static final int AT_TYPE = 7;

	static final int AT_FLAGS = 8;

	static final int AT_SENDER = 9;

	static final int AT_INCARNATION = 13;

	static final int AT_SEQUENCE = 21;

	static final int AT_LEADER = 29;

	static final int AT_TERM = 33;

	static final int AT_ALIVE_COUNT = 41;

	static final int AT_ALIVE = 43;

	private static final FrameCodec codec = new FrameCodec();

	/** After the alive list of {@link #SAMPLE} (3 ids). */
	static final int AT_SENT_AT = AT_ALIVE + 12;

	static final int AT_ECHO = AT_SENT_AT + 8;

	/**
	 * HEARTBEAT from 2, leader 1 term 4, alive [1, 2, 3], sent at 5000, echoing 4800: 43
	 * + 12 + 16 = 71 bytes.
	 */
	private static final Frame SAMPLE = Frame.heartbeat(2, 1_795_773_600_123L, 42, new PeerView(1, 4, List.of(1, 2, 3)))
		.stamped(5000, 4800);

	@Test
	void layoutOffsetsMatchTheCodecConstants() {
		assertThat(AT_ALIVE + 16).isEqualTo(FrameCodec.LENGTH_BYTES + FrameCodec.HEADER_BYTES);
		byte[] bytes = codec.encode(SAMPLE);
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		assertThat(bytes).hasSize(71);
		assertThat(buffer.getInt(AT_LENGTH)).isEqualTo(67);
		assertThat(buffer.getShort(AT_MAGIC)).isEqualTo((short) 0xBE11);
		assertThat(buffer.get(AT_VERSION)).isEqualTo((byte) 2);
		assertThat(buffer.get(AT_TYPE)).isEqualTo((byte) 2);
		assertThat(buffer.get(AT_FLAGS)).isZero();
		assertThat(buffer.getInt(AT_SENDER)).isEqualTo(2);
		assertThat(buffer.getLong(AT_INCARNATION)).isEqualTo(1_795_773_600_123L);
		assertThat(buffer.getLong(AT_SEQUENCE)).isEqualTo(42);
		assertThat(buffer.getInt(AT_LEADER)).isEqualTo(1);
		assertThat(buffer.getLong(AT_TERM)).isEqualTo(4);
		assertThat(buffer.getShort(AT_ALIVE_COUNT)).isEqualTo((short) 3);
		assertThat(buffer.getInt(AT_ALIVE)).isEqualTo(1);
		assertThat(buffer.getInt(AT_ALIVE + 4)).isEqualTo(2);
		assertThat(buffer.getInt(AT_ALIVE + 8)).isEqualTo(3);
		assertThat(buffer.getLong(AT_SENT_AT)).isEqualTo(5000);
		assertThat(buffer.getLong(AT_ECHO)).isEqualTo(4800);
	}

	static Stream<Frame> frames() {
		List<Integer> many = IntStream.rangeClosed(1, FrameCodec.MAX_ALIVE).boxed().toList();
		return Stream.of(Frame.hello(1, 0, 0, PeerView.EMPTY), Frame.hello(0, 0, 0, PeerView.EMPTY),
				Frame.heartbeat(0, 3, 4, new PeerView(0, 1, List.of(0, 1, 2))),
				Frame.heartbeat(2, 3, 4, new PeerView(0, 7, List.of(0, 2))),
				Frame.heartbeat(1, 3, 4, new PeerView(PeerView.NO_LEADER, 7, List.of(0, 1))),
				Frame.leave(0, 5, 6, new PeerView(1, 2, List.of(1))),
				Frame.hello(7, 1_700_000_000_000L, 0, new PeerView(7, 1, List.of(7))),
				Frame.heartbeat(3, 12, 99, new PeerView(PeerView.NO_LEADER, 0, List.of())), SAMPLE,
				Frame.heartbeat(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
						new PeerView(Integer.MAX_VALUE, Long.MAX_VALUE, List.of(1, 65_536, Integer.MAX_VALUE))),
				Frame.heartbeat(1, 1, 1, new PeerView(1, 3, many)),
				Frame.leave(4, 5, 6, new PeerView(2, 8, List.of(2, 3))), Frame.leave(4, 5, 7, PeerView.EMPTY),
				Frame.heartbeat(4, 5, 8, PeerView.EMPTY).stamped(Long.MAX_VALUE, Long.MAX_VALUE));
	}

	@ParameterizedTest
	@MethodSource("frames")
	void roundTripsThroughDecode(Frame frame) throws FrameException {
		byte[] bytes = codec.encode(frame);
		assertThat(bytes).hasSize(FrameCodec.LENGTH_BYTES + FrameCodec.HEADER_BYTES + 4 * frame.view().alive().size());
		assertThat(codec.decode(bytes)).isEqualTo(frame);
	}

	@ParameterizedTest
	@MethodSource("frames")
	void roundTripsThroughRead(Frame frame) throws IOException, FrameException {
		InputStream in = new ByteArrayInputStream(codec.encode(frame));
		assertThat(codec.read(in)).isEqualTo(frame);
		assertThat(codec.read(in)).isNull();
	}

	@Test
	void leaderZeroAndNoLeaderAreDistinctOnTheWire() throws FrameException {
		byte[] zero = codec.encode(Frame.heartbeat(1, 1, 1, new PeerView(0, 3, List.of(0, 1))));
		byte[] none = codec.encode(Frame.heartbeat(1, 1, 1, new PeerView(PeerView.NO_LEADER, 3, List.of(0, 1))));
		assertThat(ByteBuffer.wrap(zero).getInt(AT_LEADER)).isZero();
		assertThat(ByteBuffer.wrap(none).getInt(AT_LEADER)).isEqualTo(-1);
		assertThat(codec.decode(zero).view().leaderId()).isZero();
		assertThat(codec.decode(zero).view().hasLeader()).isTrue();
		assertThat(codec.decode(none).view().leaderId()).isEqualTo(PeerView.NO_LEADER);
		assertThat(codec.decode(none).view().hasLeader()).isFalse();
		assertThat(codec.decode(zero).view().claimsLeadership(0)).isTrue();
		assertThat(codec.decode(none).view().claimsLeadership(0)).isFalse();
	}

	@Test
	void versionOneFrameIsRejectedNamingBothVersions() {
		// the HEARTBEAT example of protocol version 1 (docs/protocol.md before peer id 0)
		byte[] versionOne = ByteBuffer.wrap(codec.encode(SAMPLE)).put(AT_VERSION, (byte) 1).array();
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> codec.decode(versionOne))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION))
			.withMessage("protocol version 1 received, this peer speaks version 2 "
					+ "(run the same Bellwether release on all peers)");
	}

	@Test
	void viewAndFrameRefuseIdsBelowZero() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PeerView(-2, 0, List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> new PeerView(1, 0, List.of(-1, 1)));
		assertThatIllegalArgumentException().isThrownBy(() -> Frame.hello(-1, 0, 0, PeerView.EMPTY));
	}

	@Test
	void largestAliveListFitsTheMaximumBody() {
		Frame frame = Frame.heartbeat(1, 1, 1,
				new PeerView(1, 1, IntStream.rangeClosed(1, FrameCodec.MAX_ALIVE).boxed().toList()));
		assertThat(codec.encode(frame).length - FrameCodec.LENGTH_BYTES).isLessThanOrEqualTo(FrameCodec.MAX_BODY_BYTES);
	}

	@Test
	void encodeRefusesAnAliveListThatDoesNotFit() {
		Frame frame = Frame.heartbeat(1, 1, 1,
				new PeerView(1, 1, IntStream.rangeClosed(1, FrameCodec.MAX_ALIVE + 1).boxed().toList()));
		assertThatIllegalArgumentException().isThrownBy(() -> codec.encode(frame)).withMessageContaining("alive list");
	}

	@Test
	void readsConsecutiveFramesThenCleanEndOfStream() throws IOException, FrameException {
		Frame hello = Frame.hello(2, 10, 0, PeerView.EMPTY);
		Frame heartbeat = Frame.heartbeat(2, 10, 1, new PeerView(1, 4, List.of(1, 2)));
		InputStream in = new ByteArrayInputStream(concat(codec.encode(hello), codec.encode(heartbeat)));
		assertThat(codec.read(in)).isEqualTo(hello);
		assertThat(codec.read(in)).isEqualTo(heartbeat);
		assertThat(codec.read(in)).isNull();
		assertThat(codec.read(in)).isNull();
	}

	@Test
	void readAssemblesAFrameDeliveredOneByteAtATime() throws IOException, FrameException {
		InputStream in = new OneByteAtATime(codec.encode(SAMPLE));
		assertThat(codec.read(in)).isEqualTo(SAMPLE);
		assertThat(codec.read(in)).isNull();
	}

	@Test
	void readOfAnEmptyStreamIsNull() throws IOException, FrameException {
		assertThat(codec.read(new ByteArrayInputStream(new byte[0]))).isNull();
	}

	@Test
	void oversizedLengthIsRejectedBeforeAnythingElseIsReadOrAllocated() {
		// Only the prefix 0x7FFFFFFF: allocating its body would be an OutOfMemoryError,
		// and any
		// further read fails the test.
		InputStream in = new PrefixOnly(new byte[] { 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF });
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> codec.read(in))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.OVERSIZED))
			.withMessage("frame length 2147483647 exceeds the maximum of 4096 bytes");
	}

	@Test
	void negativeLengthIsOversizedNotAHugeAllocation() {
		InputStream in = new PrefixOnly(new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF });
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> codec.read(in))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.OVERSIZED))
			.withMessage("frame length 4294967295 exceeds the maximum of 4096 bytes");
	}

	@Test
	void oneByteOverTheMaximumIsOversizedForRead() {
		InputStream in = new PrefixOnly(ByteBuffer.allocate(4).putInt(FrameCodec.MAX_BODY_BYTES + 1).array());
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> codec.read(in))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.OVERSIZED));
	}

	@Test
	void exactlyTheMaximumLengthIsNotOversized() {
		// 4096 bytes of body cannot hold a whole number of alive ids after the 55-byte
		// header.
		byte[] bytes = ByteBuffer.allocate(4 + FrameCodec.MAX_BODY_BYTES)
			.put(codec.encode(Frame.heartbeat(1, 1, 1, PeerView.EMPTY)))
			.putInt(AT_LENGTH, FrameCodec.MAX_BODY_BYTES)
			.array();
		assertRejected(bytes, Reason.MALFORMED);
	}

	@Test
	void httpRequestIsRejectedAsAFrameException() {
		byte[] request = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		assertRejected(request, Reason.OVERSIZED);
		byte[] shortRequest = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		assertRejected(shortRequest, Reason.OVERSIZED);
	}

	@Test
	void trailingBytesAreMalformedForDecode() {
		byte[] bytes = concat(codec.encode(SAMPLE), new byte[] { 0 });
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> codec.decode(bytes))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.MALFORMED))
			.withMessage("trailing bytes after frame");
	}

	@Test
	void trailingBytesAreTheStartOfATruncatedNextFrameForRead() throws IOException, FrameException {
		InputStream in = new ByteArrayInputStream(concat(codec.encode(SAMPLE), new byte[] { 0 }));
		assertThat(codec.read(in)).isEqualTo(SAMPLE);
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> codec.read(in))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TRUNCATED));
	}

	@Test
	void truncatedBodyIsReportedWithItsSizes() {
		byte[] bytes = Arrays.copyOf(codec.encode(SAMPLE), 50);
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> codec.decode(bytes))
			.withMessage("frame announces 67 bytes but only 46 follow");
	}

	@Test
	void badMagicNamesTheMagic() {
		byte[] bytes = patch((buffer) -> buffer.putShort(AT_MAGIC, (short) 0xCAFE));
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> codec.decode(bytes))
			.withMessage("bad magic 0xCAFE, not a Bellwether peer");
	}

	static Stream<Arguments> malformed() {
		byte[] valid = codec.encode(SAMPLE);
		return Stream.of(
				// Length prefix
				Arguments.of("empty input", new byte[0], Reason.TRUNCATED),
				Arguments.of("ends inside the length prefix", new byte[] { 0, 0, 0 }, Reason.TRUNCATED),
				Arguments.of("one byte", new byte[] { 0 }, Reason.TRUNCATED),
				Arguments.of("ends inside the body", Arrays.copyOf(valid, valid.length - 1), Reason.TRUNCATED),
				Arguments.of("ends right after the prefix", Arrays.copyOf(valid, 4), Reason.TRUNCATED),
				Arguments.of("ends inside the header", Arrays.copyOf(valid, AT_TERM), Reason.TRUNCATED),
				Arguments.of("length 0x7FFFFFFF", patch((b) -> b.putInt(AT_LENGTH, Integer.MAX_VALUE)),
						Reason.OVERSIZED),
				Arguments.of("length 4097", patch((b) -> b.putInt(AT_LENGTH, FrameCodec.MAX_BODY_BYTES + 1)),
						Reason.OVERSIZED),
				Arguments.of("length 0xFFFFFFFF (negative)", patch((b) -> b.putInt(AT_LENGTH, -1)), Reason.OVERSIZED),
				Arguments.of("length 0x80000000 (negative)", patch((b) -> b.putInt(AT_LENGTH, Integer.MIN_VALUE)),
						Reason.OVERSIZED),
				Arguments.of("length 0", new byte[] { 0, 0, 0, 0 }, Reason.UNDERSIZED),
				Arguments.of("length 54, one below the header",
						ByteBuffer.allocate(4 + 54).put(valid, 0, 58).putInt(AT_LENGTH, 54).array(), Reason.UNDERSIZED),
				// Header
				Arguments.of("bad magic", patch((b) -> b.putShort(AT_MAGIC, (short) 0x11BE)), Reason.BAD_MAGIC),
				Arguments.of("version 0", patch((b) -> b.put(AT_VERSION, (byte) 0)), Reason.UNSUPPORTED_VERSION),
				Arguments.of("version 1 (0 meant no leader; no lease fields)",
						patch((b) -> b.put(AT_VERSION, (byte) 1)), Reason.UNSUPPORTED_VERSION),
				Arguments.of("version 3", patch((b) -> b.put(AT_VERSION, (byte) 3)), Reason.UNSUPPORTED_VERSION),
				Arguments.of("version 255", patch((b) -> b.put(AT_VERSION, (byte) 0xFF)), Reason.UNSUPPORTED_VERSION),
				Arguments.of("type 0", patch((b) -> b.put(AT_TYPE, (byte) 0)), Reason.UNKNOWN_TYPE),
				Arguments.of("type 4", patch((b) -> b.put(AT_TYPE, (byte) 4)), Reason.UNKNOWN_TYPE),
				Arguments.of("type 255", patch((b) -> b.put(AT_TYPE, (byte) 0xFF)), Reason.UNKNOWN_TYPE),
				Arguments.of("flags 1", patch((b) -> b.put(AT_FLAGS, (byte) 1)), Reason.MALFORMED),
				Arguments.of("flags 0x80", patch((b) -> b.put(AT_FLAGS, (byte) 0x80)), Reason.MALFORMED),
				Arguments.of("sender -1", patch((b) -> b.putInt(AT_SENDER, -1)), Reason.MALFORMED),
				Arguments.of("sender -5", patch((b) -> b.putInt(AT_SENDER, -5)), Reason.MALFORMED),
				Arguments.of("incarnation -1", patch((b) -> b.putLong(AT_INCARNATION, -1)), Reason.MALFORMED),
				Arguments.of("sequence Long.MIN_VALUE", patch((b) -> b.putLong(AT_SEQUENCE, Long.MIN_VALUE)),
						Reason.MALFORMED),
				Arguments.of("leader -2 (only -1, no leader, is below 0)", patch((b) -> b.putInt(AT_LEADER, -2)),
						Reason.MALFORMED),
				Arguments.of("leader Integer.MIN_VALUE", patch((b) -> b.putInt(AT_LEADER, Integer.MIN_VALUE)),
						Reason.MALFORMED),
				Arguments.of("term -1", patch((b) -> b.putLong(AT_TERM, -1)), Reason.MALFORMED),
				Arguments.of("sentAt -1", patch((b) -> b.putLong(AT_SENT_AT, -1)), Reason.MALFORMED),
				Arguments.of("echo Long.MIN_VALUE", patch((b) -> b.putLong(AT_ECHO, Long.MIN_VALUE)), Reason.MALFORMED),
				// Alive list
				Arguments.of("alive count 4 for 3 ids", patch((b) -> b.putShort(AT_ALIVE_COUNT, (short) 4)),
						Reason.MALFORMED),
				Arguments.of("alive count 2 for 3 ids", patch((b) -> b.putShort(AT_ALIVE_COUNT, (short) 2)),
						Reason.MALFORMED),
				Arguments.of("alive count 0xFFFF", patch((b) -> b.putShort(AT_ALIVE_COUNT, (short) 0xFFFF)),
						Reason.MALFORMED),
				Arguments.of("body not a whole number of ids", withExtraBodyBytes(valid, 2), Reason.MALFORMED),
				Arguments.of("one id more than the count says", withExtraBodyBytes(valid, 4), Reason.MALFORMED),
				Arguments.of("alive ids descending [1, 3, 2]",
						patch((b) -> b.putInt(AT_ALIVE + 4, 3).putInt(AT_ALIVE + 8, 2)), Reason.MALFORMED),
				Arguments.of("alive ids repeated [1, 1, 3]", patch((b) -> b.putInt(AT_ALIVE + 4, 1)), Reason.MALFORMED),
				Arguments.of("alive ids repeated [0, 0, 3]",
						patch((b) -> b.putInt(AT_ALIVE, 0).putInt(AT_ALIVE + 4, 0)), Reason.MALFORMED),
				Arguments.of("alive id negative", patch((b) -> b.putInt(AT_ALIVE, -1)), Reason.MALFORMED));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformed")
	void decodeRejects(String description, byte[] bytes, Reason reason) {
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> codec.decode(bytes))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason))
			.satisfies((ex) -> assertThat(ex.getMessage()).isNotBlank());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformed")
	void readRejects(String description, byte[] bytes, Reason reason) {
		if (bytes.length == 0) {
			return; // an empty stream is a clean end, not a malformed frame
		}
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> codec.read(new ByteArrayInputStream(bytes)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	@Test
	void randomBytesOnlyEverRaiseFrameException() {
		Random random = new Random(20261124L);
		for (int i = 0; i < 2000; i++) {
			byte[] bytes = new byte[random.nextInt(120)];
			random.nextBytes(bytes);
			if (i % 2 == 0 && bytes.length >= 6) {
				// Half get a plausible prefix and magic so that decoding goes past the
				// framing.
				ByteBuffer.wrap(bytes).putInt(0, bytes.length - 4).putShort(AT_MAGIC, FrameCodec.MAGIC);
			}
			if (i % 4 == 0 && bytes.length >= 9) {
				bytes[AT_VERSION] = FrameCodec.VERSION;
				bytes[AT_TYPE] = (byte) (1 + random.nextInt(3));
				bytes[AT_FLAGS] = 0;
			}
			assertOnlyFrameException(bytes);
		}
	}

	@Test
	void singleByteMutationsOnlyEverRaiseFrameException() {
		Random random = new Random(4096L);
		byte[] valid = codec.encode(SAMPLE);
		for (int i = 0; i < 2000; i++) {
			byte[] bytes = valid.clone();
			int at = random.nextInt(bytes.length);
			bytes[at] ^= (byte) (1 + random.nextInt(255));
			assertOnlyFrameException(bytes);
		}
	}

	/**
	 * Decodes and reads the bytes; anything but success or a {@link FrameException}
	 * fails. A frame that is accepted must encode back to exactly the same bytes.
	 */
	private static void assertOnlyFrameException(byte[] bytes) {
		try {
			Frame frame = codec.decode(bytes);
			assertThat(codec.encode(frame)).as("re-encoded %s", hex(bytes)).isEqualTo(bytes);
		}
		catch (FrameException ex) {
			assertThat(ex.reason()).isNotNull();
		}
		catch (RuntimeException | Error ex) {
			throw new AssertionError("decode(" + hex(bytes) + ") threw " + ex, ex);
		}
		try {
			InputStream in = new ByteArrayInputStream(bytes);
			for (int frames = 0; frames <= bytes.length && codec.read(in) != null; frames++) {
				// read until the end of the stream or a rejected frame
			}
		}
		catch (FrameException ex) {
			assertThat(ex.reason()).isNotNull();
		}
		catch (IOException | RuntimeException | Error ex) {
			throw new AssertionError("read(" + hex(bytes) + ") threw " + ex, ex);
		}
	}

	private static void assertRejected(byte[] bytes, Reason reason) {
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> codec.decode(bytes))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> codec.read(new ByteArrayInputStream(bytes)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private static byte[] patch(Consumer<ByteBuffer> change) {
		ByteBuffer buffer = ByteBuffer.wrap(codec.encode(SAMPLE));
		change.accept(buffer);
		return buffer.array();
	}

	/**
	 * The frame with {@code extra} zero bytes appended and its length prefix grown to
	 * match.
	 */
	private static byte[] withExtraBodyBytes(byte[] frame, int extra) {
		ByteBuffer buffer = ByteBuffer.allocate(frame.length + extra).put(frame);
		return buffer.putInt(AT_LENGTH, frame.length - 4 + extra).array();
	}

	private static byte[] concat(byte[] first, byte[] second) {
		return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
	}

	private static String hex(byte[] bytes) {
		StringBuilder text = new StringBuilder();
		for (byte b : bytes) {
			text.append(String.format("%02x", b & 0xFF));
		}
		return text.toString();
	}

	/** A stream holding only a length prefix; reading beyond it fails the test. */
	private static final class PrefixOnly extends InputStream {

		private final byte[] prefix;

		private int position;

		PrefixOnly(byte[] prefix) {
			this.prefix = prefix;
		}

		@Override
		public int read() {
			if (this.position >= this.prefix.length) {
				fail("the codec read past the length prefix");
			}
			return this.prefix[this.position++] & 0xFF;
		}

		@Override
		public int read(byte[] target, int offset, int length) {
			if (length == 0) {
				return 0;
			}
			target[offset] = (byte) read();
			return 1;
		}

	}

	/** A stream that hands out at most one byte per read call, as a slow socket may. */
	private static final class OneByteAtATime extends InputStream {

		private final ByteArrayInputStream bytes;

		OneByteAtATime(byte[] bytes) {
			this.bytes = new ByteArrayInputStream(bytes);
		}

		@Override
		public int read() {
			return this.bytes.read();
		}

		@Override
		public int read(byte[] target, int offset, int length) {
			return this.bytes.read(target, offset, Math.min(length, 1));
		}

	}

}

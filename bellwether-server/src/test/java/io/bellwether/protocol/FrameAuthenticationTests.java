package io.bellwether.protocol;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.bellwether.protocol.FrameException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * HMAC-SHA256 tags: signed frames round-trip, anything unsigned, tampered or signed with
 * another key is refused, and keys rotate without downtime.
 */
class FrameAuthenticationTests {

	private static final byte[] OLD_KEY = "old-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

	private static final byte[] NEW_KEY = "new-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

	private static final Frame FRAME = Frame.heartbeat(2, 1_795_701_654_746L, 42, new PeerView(1, 7, List.of(1, 2, 4)));

	private final FrameCodec oldKey = new FrameCodec(new FrameAuthenticator(List.of(OLD_KEY)));

	private final FrameCodec newKey = new FrameCodec(new FrameAuthenticator(List.of(NEW_KEY)));

	private final FrameCodec plain = new FrameCodec();

	@Test
	void signedFrameRoundTrips() throws Exception {
		byte[] bytes = this.oldKey.encode(FRAME);
		assertThat(bytes).hasSize(this.plain.encode(FRAME).length + FrameAuthenticator.TAG_BYTES);
		assertThat(bytes[8]).as("flags: authenticated").isEqualTo((byte) 1);
		assertThat(this.oldKey.decode(bytes)).isEqualTo(FRAME);
		assertThat(this.oldKey.read(new ByteArrayInputStream(bytes))).isEqualTo(FRAME);
	}

	@Test
	void unsignedFrameIsRefusedWhenASecretIsSet() {
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> this.oldKey.decode(this.plain.encode(FRAME)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAUTHENTICATED));
	}

	@Test
	void frameSignedWithAnotherKeyIsRefused() {
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> this.oldKey.decode(this.newKey.encode(FRAME)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.BAD_TAG))
			.withMessageContaining("wrong bellwether.secret");
	}

	@Test
	void everyTamperedByteIsDetected() {
		byte[] signed = this.oldKey.encode(FRAME);
		for (int i = FrameCodec.LENGTH_BYTES; i < signed.length; i++) {
			byte[] tampered = signed.clone();
			tampered[i] ^= 0x01;
			int index = i;
			assertThatExceptionOfType(FrameException.class).as("flipped bit in byte %d", index)
				.isThrownBy(() -> this.oldKey.decode(tampered));
		}
	}

	@Test
	void forgedLeadershipClaimWithATruncatedTagIsRefused() {
		byte[] signed = this.oldKey.encode(FRAME);
		byte[] cut = java.util.Arrays.copyOf(signed, signed.length - 1);
		cut[3]--;
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> this.oldKey.decode(cut));
	}

	@Test
	void rotationAcceptsOldAndNewKeysAndSignsWithTheFirst() throws Exception {
		FrameCodec rotating = new FrameCodec(new FrameAuthenticator(List.of(NEW_KEY, OLD_KEY)));
		assertThat(rotating.decode(this.oldKey.encode(FRAME))).isEqualTo(FRAME);
		assertThat(rotating.decode(this.newKey.encode(FRAME))).isEqualTo(FRAME);
		assertThat(this.newKey.decode(rotating.encode(FRAME))).as("signed with the first key").isEqualTo(FRAME);
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> this.oldKey.decode(rotating.encode(FRAME)));
	}

	@Test
	void codecWithoutSecretAcceptsSignedFramesItCannotCheck() throws Exception {
		assertThat(this.plain.authenticated()).isFalse();
		assertThat(this.plain.decode(this.oldKey.encode(FRAME))).isEqualTo(FRAME);
	}

	@Test
	void tagOnAFrameTooShortToHoldOneIsMalformed() {
		byte[] plainBytes = this.plain.encode(Frame.hello(1, 1, 1, PeerView.EMPTY));
		plainBytes[8] = 1;
		assertThatExceptionOfType(FrameException.class).isThrownBy(() -> this.oldKey.decode(plainBytes))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.MALFORMED));
	}

}

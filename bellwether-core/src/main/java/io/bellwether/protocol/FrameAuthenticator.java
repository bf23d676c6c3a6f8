package io.bellwether.protocol;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 tags for frames. Signs with the first key and accepts a tag made with any
 * of the keys, so a key can be rotated without downtime: add the new key second
 * everywhere, then move it first everywhere, then drop the old one.
 */
public final class FrameAuthenticator {

	/** Bytes of an HMAC-SHA256 tag. */
	public static final int TAG_BYTES = 32;

	private static final String ALGORITHM = "HmacSHA256";

	private final List<SecretKeySpec> keys;

	/**
	 * Creates an authenticator.
	 * @param keys the keys, the signing key first; at least one
	 */
	public FrameAuthenticator(List<byte[]> keys) {
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("at least one key is required");
		}
		this.keys = keys.stream().map((key) -> new SecretKeySpec(key, ALGORITHM)).toList();
		mac(this.keys.get(0));
	}

	/**
	 * The tag of {@code length} bytes of {@code data} from {@code offset}, with the first
	 * key.
	 * @param data the bytes
	 * @param offset where the signed bytes start
	 * @param length how many bytes are signed
	 * @return the tag ({@link #TAG_BYTES} bytes)
	 */
	public byte[] sign(byte[] data, int offset, int length) {
		Mac mac = mac(this.keys.get(0));
		mac.update(data, offset, length);
		return mac.doFinal();
	}

	/**
	 * Whether {@code tag} is the tag of the given bytes under any of the keys. Constant
	 * time per key.
	 * @param data the bytes
	 * @param offset where the signed bytes start
	 * @param length how many bytes are signed
	 * @param tag the received tag
	 * @return whether it matches one of the keys
	 */
	public boolean verify(byte[] data, int offset, int length, byte[] tag) {
		boolean valid = false;
		for (SecretKeySpec key : this.keys) {
			Mac mac = mac(key);
			mac.update(data, offset, length);
			valid |= MessageDigest.isEqual(mac.doFinal(), tag);
		}
		return valid;
	}

	private static Mac mac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}

package io.bellwether.protocol;

/**
 * The bytes received are not a valid frame. The only exception the codec throws for bad
 * input; the connection that sent them is closed.
 */
public final class FrameException extends Exception {

	private final Reason reason;

	public FrameException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/**
	 * Why a frame was rejected; used as a low-cardinality tag when counting.
	 */
	public enum Reason {

		/**
		 * Length prefix larger than the maximum frame size, or negative (checked before
		 * allocating).
		 */
		OVERSIZED,
		/** Length prefix smaller than the fixed header. */
		UNDERSIZED,
		/** The stream ended inside a frame. */
		TRUNCATED,
		/** The magic bytes are wrong: not a Bellwether peer. */
		BAD_MAGIC,
		/** A protocol version this peer does not speak. */
		UNSUPPORTED_VERSION,
		/** A frame type code this peer does not know. */
		UNKNOWN_TYPE,
		/** Well framed, but a field is out of range or the length does not match. */
		MALFORMED,
		/** A secret is configured but the frame carries no authentication tag. */
		UNAUTHENTICATED,
		/** The authentication tag matches none of the configured keys. */
		BAD_TAG;

		public String tag() {
			return name().toLowerCase().replace('_', '-');
		}

	}

}

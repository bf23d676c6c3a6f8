package io.bellwether.protocol;

/**
 * Kinds of frame, with their code on the wire.
 */
public enum FrameType {

	/** First frame on every connection: says who is calling. */
	HELLO(1),

	/** Sent every heartbeat interval: "I am alive, and this is what I see". */
	HEARTBEAT(2),

	/** Sent on clean shutdown: "I am leaving, re-elect now". */
	LEAVE(3);

	private final int code;

	FrameType(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

	static FrameType fromCode(int code) {
		for (FrameType type : values()) {
			if (type.code == code) {
				return type;
			}
		}
		return null;
	}

}

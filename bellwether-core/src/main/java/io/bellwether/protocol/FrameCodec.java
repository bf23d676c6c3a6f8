package io.bellwether.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.bellwether.protocol.FrameException.Reason;

/**
 * Bytes to frames and back; no sockets, no threads. The layout is documented byte by byte
 * in {@code docs/protocol.md}:
 *
 * <pre>
 * length:u32 | magic:u16=0xBE11 | version:u8=2 | type:u8 | flags:u8 | sender:i32
 *   | incarnation:i64 | sequence:i64 | leader:i32 | term:i64 | aliveCount:u16 | alive:i32*n
 *   | sentAt:i64 | echo:i64 | [tag:32 bytes, when flags has bit 0 (authenticated)]
 * </pre>
 *
 * All integers are big-endian; {@code length} counts the bytes after itself. Ids are
 * non-negative; {@code leader} is -1 ({@link PeerView#NO_LEADER}) for "no leader"
 * (version 1 used 0 for that, so peer 0 could not exist; the two versions do not mix).
 * The tag is HMAC-SHA256 over every byte before it, length prefix included. A codec with
 * a {@link FrameAuthenticator} signs what it encodes and accepts only frames with a valid
 * tag; a codec without one sends unauthenticated frames and accepts both kinds (it has no
 * key to check a tag with). Any input that is not exactly such a frame raises
 * {@link FrameException} and nothing else.
 */
public final class FrameCodec {

	/** Bytes of the length prefix. */
	public static final int LENGTH_BYTES = 4;

	/** Bytes of the timing fields ({@code sentAt}, {@code echo}) after the alive list. */
	static final int TIMING_BYTES = 16;

	/** Bytes after the length prefix for a frame with an empty alive list and no tag. */
	public static final int HEADER_BYTES = 55;

	/**
	 * Largest body (bytes after the length prefix) accepted; checked before allocating.
	 */
	public static final int MAX_BODY_BYTES = 4096;

	/** Most ids an alive list can carry within {@link #MAX_BODY_BYTES}, tag included. */
	public static final int MAX_ALIVE = (MAX_BODY_BYTES - HEADER_BYTES - FrameAuthenticator.TAG_BYTES) / Integer.BYTES;

	/** Flag bit: an HMAC-SHA256 tag follows the fields. */
	static final int FLAG_AUTHENTICATED = 0x01;

	static final short MAGIC = (short) 0xBE11;

	/**
	 * The protocol version this codec speaks. 2: ids may be 0, "no leader" is -1 (1 used
	 * 0).
	 */
	public static final byte VERSION = 2;

	private final FrameAuthenticator authenticator;

	/** A codec for unauthenticated frames. */
	public FrameCodec() {
		this(null);
	}

	/**
	 * A codec that signs and verifies frames when given an authenticator.
	 * @param authenticator the keys, or {@code null} for unauthenticated frames
	 */
	public FrameCodec(FrameAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	/**
	 * Whether this codec signs frames and requires valid tags.
	 * @return whether frames are authenticated
	 */
	public boolean authenticated() {
		return this.authenticator != null;
	}

	/**
	 * Encodes a frame, length prefix included.
	 * @param frame the frame
	 * @return its bytes
	 */
	public byte[] encode(Frame frame) {
		List<Integer> alive = frame.view().alive();
		if (alive.size() > MAX_ALIVE) {
			throw new IllegalArgumentException("alive list too long: " + alive.size());
		}
		int tag = authenticated() ? FrameAuthenticator.TAG_BYTES : 0;
		int body = HEADER_BYTES + alive.size() * Integer.BYTES + tag;
		ByteBuffer buffer = ByteBuffer.allocate(LENGTH_BYTES + body);
		buffer.putInt(body);
		buffer.putShort(MAGIC);
		buffer.put(VERSION);
		buffer.put((byte) frame.type().code());
		buffer.put((byte) (authenticated() ? FLAG_AUTHENTICATED : 0));
		buffer.putInt(frame.sender());
		buffer.putLong(frame.incarnation());
		buffer.putLong(frame.sequence());
		buffer.putInt(frame.view().leaderId());
		buffer.putLong(frame.view().term());
		buffer.putShort((short) alive.size());
		alive.forEach(buffer::putInt);
		buffer.putLong(frame.sentAt());
		buffer.putLong(frame.echo());
		if (authenticated()) {
			buffer.put(this.authenticator.sign(buffer.array(), 0, buffer.position()));
		}
		return buffer.array();
	}

	/**
	 * Decodes exactly one frame, length prefix included.
	 * @param bytes the bytes of one frame
	 * @return the frame
	 * @throws FrameException if the bytes are not exactly one valid frame
	 */
	public Frame decode(byte[] bytes) throws FrameException {
		if (bytes.length < LENGTH_BYTES) {
			throw new FrameException(Reason.TRUNCATED, "frame ends inside its length prefix");
		}
		int length = ByteBuffer.wrap(bytes).getInt();
		checkLength(length);
		if (bytes.length - LENGTH_BYTES < length) {
			throw new FrameException(Reason.TRUNCATED,
					"frame announces " + length + " bytes but only " + (bytes.length - LENGTH_BYTES) + " follow");
		}
		if (bytes.length - LENGTH_BYTES > length) {
			throw new FrameException(Reason.MALFORMED, "trailing bytes after frame");
		}
		return decodeFrame(bytes);
	}

	/**
	 * Reads one frame from a stream, blocking until it is complete.
	 * @param in the stream
	 * @return the frame, or {@code null} if the stream ended cleanly before a frame began
	 * @throws FrameException if the bytes are not a valid frame (the stream is then
	 * unusable)
	 * @throws IOException if reading fails (including a read timeout)
	 */
	public Frame read(InputStream in) throws IOException, FrameException {
		int first = in.read();
		if (first < 0) {
			return null;
		}
		byte[] prefix = new byte[LENGTH_BYTES];
		prefix[0] = (byte) first;
		readFully(in, prefix, 1, LENGTH_BYTES - 1, "its length prefix");
		int length = ByteBuffer.wrap(prefix).getInt();
		checkLength(length);
		byte[] frame = new byte[LENGTH_BYTES + length];
		System.arraycopy(prefix, 0, frame, 0, LENGTH_BYTES);
		readFully(in, frame, LENGTH_BYTES, length, "a frame of " + length + " bytes");
		return decodeFrame(frame);
	}

	private static void checkLength(int length) throws FrameException {
		if (length < 0 || length > MAX_BODY_BYTES) {
			throw new FrameException(Reason.OVERSIZED, "frame length " + Integer.toUnsignedString(length)
					+ " exceeds the maximum of " + MAX_BODY_BYTES + " bytes");
		}
		if (length < HEADER_BYTES) {
			throw new FrameException(Reason.UNDERSIZED,
					"frame length " + length + " is below the header size of " + HEADER_BYTES + " bytes");
		}
	}

	private static void readFully(InputStream in, byte[] target, int offset, int count, String what)
			throws IOException, FrameException {
		int done = 0;
		while (done < count) {
			int read = in.read(target, offset + done, count - done);
			if (read < 0) {
				throw new FrameException(Reason.TRUNCATED, "stream ended inside " + what);
			}
			done += read;
		}
	}

	/** Decodes a whole frame (length prefix and exactly the bytes it announces). */
	private Frame decodeFrame(byte[] frame) throws FrameException {
		ByteBuffer body = ByteBuffer.wrap(frame, LENGTH_BYTES, frame.length - LENGTH_BYTES).slice();
		try {
			short magic = body.getShort();
			if (magic != MAGIC) {
				throw new FrameException(Reason.BAD_MAGIC,
						String.format("bad magic 0x%04X, not a Bellwether peer", magic & 0xFFFF));
			}
			int version = body.get() & 0xFF;
			if (version != VERSION) {
				throw new FrameException(Reason.UNSUPPORTED_VERSION,
						"protocol version " + version + " received, this peer speaks version " + VERSION
								+ " (run the same Bellwether release on all peers)");
			}
			int typeCode = body.get() & 0xFF;
			FrameType type = FrameType.fromCode(typeCode);
			if (type == null) {
				throw new FrameException(Reason.UNKNOWN_TYPE, "unknown frame type " + typeCode);
			}
			int flags = body.get() & 0xFF;
			if ((flags & ~FLAG_AUTHENTICATED) != 0) {
				throw new FrameException(Reason.MALFORMED, "unknown flags " + flags);
			}
			boolean tagged = (flags & FLAG_AUTHENTICATED) != 0;
			int tagBytes = tagged ? FrameAuthenticator.TAG_BYTES : 0;
			if (body.capacity() < HEADER_BYTES + tagBytes) {
				throw new FrameException(Reason.MALFORMED, "frame too short for its authentication tag");
			}
			verifyTag(frame, tagged);
			int sender = body.getInt();
			long incarnation = body.getLong();
			long sequence = body.getLong();
			int leader = body.getInt();
			long term = body.getLong();
			int count = body.getShort() & 0xFFFF;
			if (body.remaining() - tagBytes - TIMING_BYTES != count * Integer.BYTES) {
				throw new FrameException(Reason.MALFORMED, "alive list of " + count + " ids does not match "
						+ (body.remaining() - tagBytes - TIMING_BYTES) + " remaining bytes");
			}
			if (sender < 0 || incarnation < 0 || sequence < 0 || leader < PeerView.NO_LEADER || term < 0) {
				throw new FrameException(Reason.MALFORMED, "negative field in frame header");
			}
			List<Integer> alive = new ArrayList<>(count);
			int previous = -1;
			for (int i = 0; i < count; i++) {
				int id = body.getInt();
				if (id <= previous) {
					throw new FrameException(Reason.MALFORMED, "alive ids must be non-negative and ascending");
				}
				alive.add(id);
				previous = id;
			}
			long sentAt = body.getLong();
			long echo = body.getLong();
			if (sentAt < 0 || echo < 0) {
				throw new FrameException(Reason.MALFORMED, "negative timing field in frame");
			}
			return new Frame(type, sender, incarnation, sequence, new PeerView(leader, term, alive), sentAt, echo);
		}
		catch (BufferUnderflowException ex) {
			throw new FrameException(Reason.MALFORMED, "frame shorter than its fields");
		}
	}

	private void verifyTag(byte[] frame, boolean tagged) throws FrameException {
		if (this.authenticator == null) {
			return;
		}
		if (!tagged) {
			throw new FrameException(Reason.UNAUTHENTICATED, "frame has no authentication tag");
		}
		int signed = frame.length - FrameAuthenticator.TAG_BYTES;
		byte[] tag = Arrays.copyOfRange(frame, signed, frame.length);
		if (!this.authenticator.verify(frame, 0, signed, tag)) {
			throw new FrameException(Reason.BAD_TAG,
					"authentication tag matches none of the configured keys (wrong bellwether.secret?)");
		}
	}

}

package io.bellwether.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.bellwether.protocol.FrameException.Reason;

/**
 * Bytes to frames and back; no sockets, no threads. The layout is documented byte by byte
 * in {@code docs/protocol.md}:
 *
 * <pre>
 * length:u32 | magic:u16=0xBE11 | version:u8=1 | type:u8 | flags:u8=0 | sender:i32
 *   | incarnation:i64 | sequence:i64 | leader:i32 | term:i64 | aliveCount:u16 | alive:i32*n
 * </pre>
 *
 * All integers are big-endian; {@code length} counts the bytes after itself. Any input
 * that is not exactly such a frame raises {@link FrameException} and nothing else.
 */
public final class FrameCodec {

	/** Bytes of the length prefix. */
	public static final int LENGTH_BYTES = 4;

	/** Bytes after the length prefix for a frame with an empty alive list. */
	public static final int HEADER_BYTES = 39;

	/**
	 * Largest body (bytes after the length prefix) accepted; checked before allocating.
	 */
	public static final int MAX_BODY_BYTES = 4096;

	/** Most ids an alive list can carry within {@link #MAX_BODY_BYTES}. */
	public static final int MAX_ALIVE = (MAX_BODY_BYTES - HEADER_BYTES) / Integer.BYTES;

	static final short MAGIC = (short) 0xBE11;

	static final byte VERSION = 1;

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
		int body = HEADER_BYTES + alive.size() * Integer.BYTES;
		ByteBuffer buffer = ByteBuffer.allocate(LENGTH_BYTES + body);
		buffer.putInt(body);
		buffer.putShort(MAGIC);
		buffer.put(VERSION);
		buffer.put((byte) frame.type().code());
		buffer.put((byte) 0);
		buffer.putInt(frame.sender());
		buffer.putLong(frame.incarnation());
		buffer.putLong(frame.sequence());
		buffer.putInt(frame.view().leaderId());
		buffer.putLong(frame.view().term());
		buffer.putShort((short) alive.size());
		alive.forEach(buffer::putInt);
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
		return decodeBody(ByteBuffer.wrap(bytes, LENGTH_BYTES, length).slice());
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
		byte[] prefix = new byte[LENGTH_BYTES];
		int first = in.read();
		if (first < 0) {
			return null;
		}
		prefix[0] = (byte) first;
		readFully(in, prefix, 1, LENGTH_BYTES - 1, "its length prefix");
		int length = ByteBuffer.wrap(prefix).getInt();
		checkLength(length);
		byte[] body = new byte[length];
		readFully(in, body, 0, length, "a frame of " + length + " bytes");
		return decodeBody(ByteBuffer.wrap(body));
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

	private static Frame decodeBody(ByteBuffer body) throws FrameException {
		try {
			short magic = body.getShort();
			if (magic != MAGIC) {
				throw new FrameException(Reason.BAD_MAGIC,
						String.format("bad magic 0x%04X, not a Bellwether peer", magic & 0xFFFF));
			}
			int version = body.get() & 0xFF;
			if (version != VERSION) {
				throw new FrameException(Reason.UNSUPPORTED_VERSION, "unsupported protocol version " + version);
			}
			int typeCode = body.get() & 0xFF;
			FrameType type = FrameType.fromCode(typeCode);
			if (type == null) {
				throw new FrameException(Reason.UNKNOWN_TYPE, "unknown frame type " + typeCode);
			}
			int flags = body.get() & 0xFF;
			if (flags != 0) {
				throw new FrameException(Reason.MALFORMED, "unknown flags " + flags);
			}
			int sender = body.getInt();
			long incarnation = body.getLong();
			long sequence = body.getLong();
			int leader = body.getInt();
			long term = body.getLong();
			int count = body.getShort() & 0xFFFF;
			if (body.remaining() != count * Integer.BYTES) {
				throw new FrameException(Reason.MALFORMED,
						"alive list of " + count + " ids does not match " + body.remaining() + " remaining bytes");
			}
			if (sender <= 0 || incarnation < 0 || sequence < 0 || leader < 0 || term < 0) {
				throw new FrameException(Reason.MALFORMED, "negative or zero field in frame header");
			}
			List<Integer> alive = new ArrayList<>(count);
			int previous = 0;
			for (int i = 0; i < count; i++) {
				int id = body.getInt();
				if (id <= previous) {
					throw new FrameException(Reason.MALFORMED, "alive ids must be positive and ascending");
				}
				alive.add(id);
				previous = id;
			}
			return new Frame(type, sender, incarnation, sequence, new PeerView(leader, term, alive));
		}
		catch (BufferUnderflowException ex) {
			throw new FrameException(Reason.MALFORMED, "frame shorter than its fields");
		}
	}

}

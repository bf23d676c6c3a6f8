package io.bellwether.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket stream with two read limits: how long the connection may stay idle between
 * frames, and how long one frame may take from its first byte to its last. The second one
 * stops a sender that trickles a frame byte by byte (slowloris) from holding a
 * connection.
 */
final class FrameDeadlineInputStream extends FilterInputStream {

	private final Socket socket;

	private final int frameMillis;

	private int idleMillis;

	private long frameDeadlineNanos;

	private boolean inFrame;

	FrameDeadlineInputStream(Socket socket, int idleMillis, int frameMillis) throws IOException {
		super(socket.getInputStream());
		this.socket = socket;
		this.idleMillis = idleMillis;
		this.frameMillis = frameMillis;
	}

	/**
	 * The previous frame is complete: the next byte starts a new one.
	 * @param newIdleMillis how long to wait for the next frame to start
	 */
	void nextFrame(int newIdleMillis) {
		this.idleMillis = newIdleMillis;
		this.inFrame = false;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int read = read(one, 0, 1);
		return (read < 0) ? -1 : one[0] & 0xFF;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (this.inFrame) {
			long remaining = (this.frameDeadlineNanos - System.nanoTime()) / 1_000_000;
			if (remaining <= 0) {
				throw new SocketTimeoutException("frame not completed within " + this.frameMillis + "ms");
			}
			this.socket.setSoTimeout((int) remaining);
		}
		else {
			this.socket.setSoTimeout(this.idleMillis);
		}
		int read = super.read(buffer, offset, length);
		if (read > 0 && !this.inFrame) {
			this.inFrame = true;
			this.frameDeadlineNanos = System.nanoTime() + this.frameMillis * 1_000_000L;
		}
		return read;
	}

}

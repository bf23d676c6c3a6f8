package io.bellwether.protocol;

/**
 * One message between peers. Every kind carries the same header: who sent it, in which
 * life (incarnation) and in which order (sequence), and the sender's view of the cluster.
 *
 * @param type the kind of frame
 * @param sender id of the sending peer (non-negative)
 * @param incarnation identifies one run of the sender; a restarted peer uses a larger one
 * @param sequence rises by one with every frame the sender sends during one incarnation
 * @param view the sender's view: leader, term, alive peers
 * @param sentAt when the sender built the frame, in milliseconds of its own monotonic
 * clock (only differences between two values of one sender mean anything)
 * @param echo the {@code sentAt} of the latest frame the sender has accepted from the
 * receiver of this frame (0 if none): the receiver learns, by its own clock, how fresh
 * the sender's news of it is; the leader lease is built on it
 */
public record Frame(FrameType type, int sender, long incarnation, long sequence, PeerView view, long sentAt,
		long echo) {

	/** A frame without timing information (sentAt and echo 0). */
	public Frame(FrameType type, int sender, long incarnation, long sequence, PeerView view) {
		this(type, sender, incarnation, sequence, view, 0, 0);
	}

	public Frame {
		if (type == null || view == null) {
			throw new IllegalArgumentException("type and view are required");
		}
		if (sender < 0) {
			throw new IllegalArgumentException("sender must not be negative, got " + sender);
		}
		if (sequence < 0 || incarnation < 0 || view.term() < 0 || sentAt < 0 || echo < 0) {
			throw new IllegalArgumentException("incarnation, sequence, term, sentAt and echo must not be negative");
		}
	}

	public static Frame hello(int sender, long incarnation, long sequence, PeerView view) {
		return new Frame(FrameType.HELLO, sender, incarnation, sequence, view);
	}

	public static Frame heartbeat(int sender, long incarnation, long sequence, PeerView view) {
		return new Frame(FrameType.HEARTBEAT, sender, incarnation, sequence, view);
	}

	public static Frame leave(int sender, long incarnation, long sequence, PeerView view) {
		return new Frame(FrameType.LEAVE, sender, incarnation, sequence, view);
	}

	/**
	 * The same frame with timing information.
	 * @param sentAtMillis when it was built, by the sender's clock
	 * @param echoMillis the sentAt of the latest frame accepted from the receiver
	 * @return the stamped frame
	 */
	public Frame stamped(long sentAtMillis, long echoMillis) {
		return new Frame(this.type, this.sender, this.incarnation, this.sequence, this.view, sentAtMillis, echoMillis);
	}

}

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
 */
public record Frame(FrameType type, int sender, long incarnation, long sequence, PeerView view) {

	public Frame {
		if (type == null || view == null) {
			throw new IllegalArgumentException("type and view are required");
		}
		if (sender < 0) {
			throw new IllegalArgumentException("sender must not be negative, got " + sender);
		}
		if (sequence < 0 || incarnation < 0 || view.term() < 0) {
			throw new IllegalArgumentException("incarnation, sequence and term must not be negative");
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

}

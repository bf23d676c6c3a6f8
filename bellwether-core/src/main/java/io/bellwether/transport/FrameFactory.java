package io.bellwether.transport;

import io.bellwether.election.ClusterCore;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.FrameType;
import org.springframework.stereotype.Component;

/**
 * Frames for one receiver, built by the {@link ClusterCore}: this peer's id, incarnation
 * (start time in milliseconds, so a restarted peer always has a larger one), a sequence
 * number shared by all connections, its view, its clock and the echo of the receiver's
 * latest frame.
 */
@Component
final class FrameFactory {

	private final ClusterCore core;

	FrameFactory(ClusterCore core) {
		this.core = core;
	}

	Frame hello(int to) {
		return this.core.frame(FrameType.HELLO, to);
	}

	Frame heartbeat(int to) {
		return this.core.frame(FrameType.HEARTBEAT, to);
	}

	Frame leave(int to) {
		return this.core.frame(FrameType.LEAVE, to);
	}

	long incarnation() {
		return this.core.incarnation();
	}

}

package io.bellwether.transport;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import io.bellwether.config.PeerProperties;
import io.bellwether.election.ViewSource;
import io.bellwether.protocol.Frame;
import org.springframework.stereotype.Component;

/**
 * Stamps outgoing frames with this peer's id, incarnation (start time in milliseconds, so
 * a restarted peer always has a larger one) and a sequence number shared by all
 * connections.
 */
@Component
final class FrameFactory {

	private final int selfId;

	private final long incarnation;

	private final AtomicLong sequence = new AtomicLong();

	private final ViewSource views;

	FrameFactory(PeerProperties properties, ViewSource views, Clock clock) {
		this.selfId = properties.selfId();
		this.incarnation = clock.millis();
		this.views = views;
	}

	Frame hello() {
		return Frame.hello(this.selfId, this.incarnation, this.sequence.getAndIncrement(), this.views.currentView());
	}

	Frame heartbeat() {
		return Frame.heartbeat(this.selfId, this.incarnation, this.sequence.getAndIncrement(),
				this.views.currentView());
	}

	Frame leave() {
		return Frame.leave(this.selfId, this.incarnation, this.sequence.getAndIncrement(), this.views.currentView());
	}

	long incarnation() {
		return this.incarnation;
	}

}

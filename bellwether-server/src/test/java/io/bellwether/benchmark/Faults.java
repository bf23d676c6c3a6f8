package io.bellwether.benchmark;

import java.time.Instant;

import io.bellwether.testsupport.Moment;
import io.bellwether.testsupport.PeerProcesses;

/** Faults with the window in which they took effect. */
final class Faults {

	private Faults() {
	}

	/** Starts the peer again; the moment is the launch. */
	static Moment start(PeerProcesses peers, int id) throws java.io.IOException {
		Instant from = Instant.now();
		peers.start(id);
		return new Moment(from, Instant.now());
	}

}

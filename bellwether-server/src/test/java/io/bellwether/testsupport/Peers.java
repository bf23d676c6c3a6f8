package io.bellwether.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.bellwether.config.PeerAddress;
import io.bellwether.config.PeerProperties;
import io.bellwether.config.QuorumMode;

/**
 * Builds {@link PeerProperties} for tests.
 */
public final class Peers {

	private Peers() {
	}

	public static PeerProperties group(int selfId, int size) {
		return group(selfId, size, QuorumMode.NONE, Duration.ZERO);
	}

	public static PeerProperties group(int selfId, int size, QuorumMode quorum, Duration rejoinHold) {
		List<PeerAddress> peers = new ArrayList<>();
		for (int id = 1; id <= size; id++) {
			peers.add(new PeerAddress(id, "127.0.0.1", 7000 + id));
		}
		return new PeerProperties(selfId, peers, "127.0.0.1", null,
				new PeerProperties.Heartbeat(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(500)),
				new PeerProperties.Election(quorum, rejoinHold, false), List.of());
	}

}

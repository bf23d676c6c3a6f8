package io.bellwether.web;

import io.bellwether.membership.PeerStatus;

/**
 * One entry of {@code GET /peers}.
 *
 * @param id the peer's id
 * @param host where its heartbeat server listens
 * @param port its heartbeat port
 * @param status ALIVE or DEAD
 * @param self whether it is this peer
 * @param leader whether this peer follows it as leader
 * @param lastSeenMillisAgo age of its last frame ({@code null} for self or never seen)
 */
public record PeerResponse(int id, String host, int port, PeerStatus status, boolean self, boolean leader,
		Long lastSeenMillisAgo) {
}

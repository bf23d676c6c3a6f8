package io.bellwether.web;

import java.time.Instant;

/**
 * Body of {@code GET /leader}.
 *
 * @param leaderId the leader this peer follows
 * @param term the leader's term
 * @param selfId this peer's id
 * @param self whether this peer is the leader
 * @param since when this peer started following this leader
 */
public record LeaderResponse(int leaderId, long term, int selfId, boolean self, Instant since) {
}

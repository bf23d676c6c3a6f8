package io.bellwether.election;

/**
 * This peer stopped being leader (another peer leads, or there is no leader).
 *
 * @param selfId this peer's id
 * @param newLeaderId the leader now followed,
 * {@link io.bellwether.protocol.PeerView#NO_LEADER} (-1) if none
 */
public record LeadershipRevokedEvent(int selfId, int newLeaderId) {
}

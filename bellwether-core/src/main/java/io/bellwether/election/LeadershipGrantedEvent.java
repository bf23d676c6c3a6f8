package io.bellwether.election;

/**
 * This peer became leader.
 *
 * @param selfId this peer's id
 * @param term the term it leads in
 */
public record LeadershipGrantedEvent(int selfId, long term) {
}

/**
 * Membership and failure detection: {@link io.bellwether.membership.PeerRegistry}, a thin
 * locked coordinator of small pure pieces (incarnation guard, silence detector, own
 * pauses, flap history, discovery), keeps ALIVE or DEAD per peer from frames, lost
 * connections and an injected clock. Depends on {@code config} and {@code protocol} only.
 */
package io.bellwether.membership;

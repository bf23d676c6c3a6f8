/**
 * Membership and failure detection: {@link io.bellwether.membership.PeerRegistry} keeps
 * ALIVE or DEAD per peer from frames, lost connections and an injected clock. Depends on
 * {@code config} and {@code protocol} only.
 */
package io.bellwether.membership;

/**
 * The pure core of a peer and its election: {@link io.bellwether.election.ClusterCore}
 * (membership, election and, in majority mode, the leader lease, under one lock, driven
 * through {@link io.bellwether.election.PeerTransport} and reporting to one
 * {@link io.bellwether.election.ClusterListener}), the lowest-live-id rule
 * ({@link io.bellwether.election.LeaderElection}), term keeping, and the thin scheduled
 * {@link io.bellwether.election.ElectionService}. Depends on {@code membership},
 * {@code protocol} and {@code config}.
 */
package io.bellwether.election;

/**
 * Leader election: the pure lowest-live-id rule
 * ({@link io.bellwether.election.LeaderElection}), term keeping, and the scheduled
 * {@link io.bellwether.election.ElectionService} that publishes
 * {@link io.bellwether.election.LeaderChangedEvent}. Depends on {@code membership},
 * {@code protocol} and {@code config}.
 */
package io.bellwether.election;

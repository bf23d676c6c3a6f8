/**
 * Delivery of changes to application code: one ordered thread ({@code bellwether-events})
 * that publishes the Spring events and calls the
 * {@link io.bellwether.LeadershipListener}s, so that application code never runs on a
 * heartbeat or election thread; and the {@link io.bellwether.dispatch.LeaderOnlyGate}
 * that admits {@link io.bellwether.LeaderOnly @LeaderOnly} calls. Depends on
 * {@code election} and {@code membership}.
 */
package io.bellwether.dispatch;

/**
 * Actuator health: the {@code cluster} component, used by the readiness group. Reads
 * {@code election} and {@code membership}.
 */
package io.bellwether.health;

/**
 * Micrometer metrics of the cluster as this peer sees it ({@code bellwether.*}: leader,
 * term, peers by status, last-seen ages, failures by cause), exported at
 * {@code /actuator/prometheus}. Reads {@code election} and {@code membership}; nothing
 * depends on this package.
 */
package io.bellwether.metrics;

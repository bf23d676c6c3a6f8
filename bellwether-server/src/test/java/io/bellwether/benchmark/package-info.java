/**
 * The benchmark: start-up, footprint and failover figures of real peer processes
 * ({@code ./mvnw -B -Pbenchmark verify ...}, see docs/failover.md). Uses the test
 * launcher ({@code testsupport}); nothing here runs in the normal build but the unit
 * tests of its pure parts.
 */
package io.bellwether.benchmark;

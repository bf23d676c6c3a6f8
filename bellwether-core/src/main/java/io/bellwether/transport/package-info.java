/**
 * Transport: the raw-socket {@link io.bellwether.transport.HeartbeatServer} and
 * {@link io.bellwether.transport.HeartbeatClient} (SmartLifecycle beans with named
 * threads) that carry frames between peers and feed the membership registry. Depends on
 * {@code protocol}, {@code membership}, {@code config} and the election's current view.
 */
package io.bellwether.transport;

/**
 * Transport over TCP: the raw-socket {@link io.bellwether.transport.HeartbeatServer} and
 * {@link io.bellwether.transport.HeartbeatClient} (SmartLifecycle beans with named
 * threads) that carry the core's frames between peers and report connection events to it;
 * the client is the core's {@link io.bellwether.election.PeerTransport}. Depends on
 * {@code protocol}, {@code election} (the core), {@code membership} and {@code config}.
 */
package io.bellwether.transport;

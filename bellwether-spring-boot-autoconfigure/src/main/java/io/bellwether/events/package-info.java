/**
 * {@code GET /events}: the cluster as this peer sees it, as Server-Sent Events (a
 * snapshot on connect, then one event per membership or leader change, and periodic
 * heartbeats), with bounded buffering per client. Reads {@code election} and
 * {@code membership}; nothing depends on this package.
 */
package io.bellwether.events;

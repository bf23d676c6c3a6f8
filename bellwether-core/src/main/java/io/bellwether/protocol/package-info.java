/**
 * The wire format: {@link io.bellwether.protocol.Frame} records and the
 * {@link io.bellwether.protocol.FrameCodec} that turns them into bytes and back. Plain
 * Java: no sockets, no Spring, no dependency on the rest of Bellwether.
 */
package io.bellwether.protocol;

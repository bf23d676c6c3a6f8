/**
 * Configuration of a peer: the validated {@link io.bellwether.config.PeerProperties}, the
 * seed-compatible positional command line, and one-line reporting of bad configuration.
 * Depends on nothing else in Bellwether.
 */
package io.bellwether.config;

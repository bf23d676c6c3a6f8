/**
 * REST: {@code GET /leader} and {@code GET /peers}, with problem+json errors. Reads
 * {@code election} and {@code membership}; nothing depends on this package.
 */
package io.bellwether.web;

/**
 * The Spring Integration bridge: {@code Candidate}s and {@code @Role} endpoints driven by
 * this peer's leadership. Only active when {@code spring-integration-core} is on the
 * class path. Depends on the application-facing API ({@code io.bellwether}).
 */
package io.bellwether.integration;

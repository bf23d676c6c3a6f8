/**
 * Spring Boot auto-configuration of an embedded peer: the core, the event thread, the
 * application-facing {@link io.bellwether.ClusterLeadership} and
 * {@link io.bellwether.LeaderOnly}; actuator health and metrics; optionally the web
 * endpoints and dashboard. Listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}.
 */
package io.bellwether.autoconfigure;

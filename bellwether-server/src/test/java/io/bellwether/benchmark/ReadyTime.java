package io.bellwether.benchmark;

import java.util.OptionalDouble;

import io.bellwether.metrics.PrometheusExposition;
import io.bellwether.testsupport.PeerProcesses;

/**
 * The peer's own start-up figure, from its metrics: Spring Boot's
 * {@code application.ready.time} ({@code application_ready_time_seconds} on
 * {@code /actuator/prometheus}), the time from {@code SpringApplication.run} to
 * {@code ApplicationReadyEvent}, by when the heartbeat server listens and the web server
 * answers. The JVM's own boot before {@code main} is not in it; the benchmark's polled
 * "launch → first answer" includes it.
 */
final class ReadyTime {

	static final String METRIC = "application_ready_time_seconds";

	private ReadyTime() {
	}

	/**
	 * The ready time a peer reports.
	 * @param peers the peer's group
	 * @param id the peer
	 * @return milliseconds, empty while it is not ready (or does not answer)
	 */
	static OptionalDouble millis(PeerProcesses peers, int id) {
		return peers.prometheus(id).map(ReadyTime::millis).orElse(OptionalDouble.empty());
	}

	static OptionalDouble millis(String exposition) {
		return new PrometheusExposition(exposition).first(METRIC)
			.map((seconds) -> OptionalDouble.of(seconds * 1000))
			.orElse(OptionalDouble.empty());
	}

}

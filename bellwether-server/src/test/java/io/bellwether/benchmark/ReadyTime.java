package io.bellwether.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

import io.bellwether.metrics.PrometheusExposition;

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

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private ReadyTime() {
	}

	/**
	 * The ready time a peer reports.
	 * @param http the base URI of its HTTP port
	 * @return milliseconds, empty while it is not ready (or does not answer)
	 */
	static OptionalDouble millis(URI http) {
		try {
			HttpResponse<String> response = HTTP.send(
					HttpRequest.newBuilder(http.resolve("/actuator/prometheus")).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() != 200) ? OptionalDouble.empty() : millis(response.body());
		}
		catch (IOException ex) {
			return OptionalDouble.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return OptionalDouble.empty();
		}
	}

	static OptionalDouble millis(String exposition) {
		return new PrometheusExposition(exposition).first(METRIC)
			.map((seconds) -> OptionalDouble.of(seconds * 1000))
			.orElse(OptionalDouble.empty());
	}

}

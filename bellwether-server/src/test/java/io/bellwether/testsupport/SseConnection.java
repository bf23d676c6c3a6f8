package io.bellwether.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test client of {@code /events}: reads the stream on its own thread and keeps every
 * event, with the time it arrived.
 */
public final class SseConnection implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpResponse<InputStream> response;

	private final List<Received> events = new CopyOnWriteArrayList<>();

	private final Thread reader;

	private SseConnection(HttpResponse<InputStream> response) {
		this.response = response;
		this.reader = new Thread(this::read, "sse-test-reader");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	public static SseConnection open(int httpPort) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/events"))
			.header("Accept", "text/event-stream")
			.build();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		return new SseConnection(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
	}

	public HttpResponse<InputStream> response() {
		return this.response;
	}

	private void read() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String event = "message";
			List<String> data = new ArrayList<>();
			String line;
			while ((line = in.readLine()) != null) {
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						this.events.add(new Received(event, JSON.readTree(String.join("\n", data)), System.nanoTime()));
					}
					event = "message";
					data.clear();
				}
				else if (line.startsWith("event:")) {
					event = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.add(line.substring(5).stripLeading());
				}
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	public List<Received> events() {
		return List.copyOf(this.events);
	}

	/**
	 * Waits for the first event matching the condition.
	 * @param timeout how long to wait
	 * @param condition the condition
	 * @return the event
	 */
	public Received await(Duration timeout, Predicate<Received> condition) {
		return Awaitility.await()
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> this.events.stream().filter(condition).findFirst().orElse(null), (found) -> found != null);
	}

	@Override
	public void close() throws IOException, InterruptedException {
		this.response.body().close();
		this.reader.join(5_000);
	}

	/**
	 * One event.
	 *
	 * @param event its name
	 * @param data its data
	 * @param nanoTime {@link System#nanoTime()} when it arrived
	 */
	public record Received(String event, JsonNode data, long nanoTime) {

		public boolean is(String name) {
			return this.event.equals(name);
		}

	}

}

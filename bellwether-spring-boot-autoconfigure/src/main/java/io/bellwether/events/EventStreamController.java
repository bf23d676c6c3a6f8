package io.bellwether.events;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /events}: Server-Sent Events, see {@link ClusterEventStream}. 503
 * problem+json when too many streams are open.
 */
@RestController
class EventStreamController {

	/** How soon a browser's EventSource reconnects after the stream ends. */
	static final Duration RECONNECT = Duration.ofSeconds(1);

	private final ClusterEventStream stream;

	private final EventsProperties properties;

	EventStreamController(ClusterEventStream stream, EventsProperties properties) {
		this.stream = stream;
		this.properties = properties;
	}

	@GetMapping("/events")
	ResponseEntity<?> events(HttpServletRequest request) {
		// no timeout: the stream lasts until the client or this peer goes away
		SseEmitter emitter = new SseEmitter(0L);
		String label = request.getRemoteAddr() + ":" + request.getRemotePort();
		Optional<StreamClient> client = this.stream.open(new EmitterSink(emitter), label);
		if (client.isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"Too many event streams are open (at most " + this.properties.maxClients()
							+ ", bellwether.events.max-clients); try again later.");
			problem.setTitle("Event streams exhausted");
			return ResponseEntity.of(problem).header(HttpHeaders.RETRY_AFTER, "5").build();
		}
		emitter.onCompletion(client.get()::close);
		emitter.onTimeout(client.get()::close);
		emitter.onError((ex) -> client.get().close());
		return ResponseEntity.ok()
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			.header("X-Accel-Buffering", "no")
			.body(emitter);
	}

	/**
	 * Writes a client's events to its {@link SseEmitter}. Used by its writer thread only.
	 */
	private static final class EmitterSink implements StreamClient.Sink {

		private final SseEmitter emitter;

		private boolean first = true;

		EmitterSink(SseEmitter emitter) {
			this.emitter = emitter;
		}

		@Override
		public void send(String event, String data) throws IOException {
			SseEmitter.SseEventBuilder builder = SseEmitter.event().name(event).data(data);
			if (this.first) {
				builder.reconnectTime(RECONNECT.toMillis());
				this.first = false;
			}
			this.emitter.send(builder);
		}

		@Override
		public void complete() {
			this.emitter.complete();
		}

	}

}

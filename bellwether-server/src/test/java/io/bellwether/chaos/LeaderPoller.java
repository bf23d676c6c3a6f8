package io.bellwether.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.bellwether.chaos.LeaderClaims.Sample;
import io.bellwether.testsupport.PeerApi.View;
import io.bellwether.testsupport.PeerProcesses;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks every listed peer's {@code /leader} every {@code period}, each peer on a thread of
 * its own (so a frozen peer does not delay the others' answers), and keeps every answer
 * with the wall-clock window it was computed in. A request to a frozen peer gives up
 * after {@link #REQUEST_TIMEOUT}; the request still pending when it thaws is answered
 * first, which is exactly the answer that must not be a stale claim.
 */
final class LeaderPoller implements AutoCloseable {

	/** How often each peer is asked. The issue measured a 60 ms double claim. */
	static final Duration PERIOD = Duration.ofMillis(Long.getLong("chaos.poll.millis", 20));

	static final Duration REQUEST_TIMEOUT = Duration.ofMillis(400);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

	private final ScheduledExecutorService threads;

	private LeaderPoller(PeerProcesses peers, List<Integer> ids) {
		AtomicInteger number = new AtomicInteger();
		this.threads = Executors.newScheduledThreadPool(ids.size(), (task) -> {
			Thread thread = new Thread(task, "chaos-poller-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		for (int id : ids) {
			HttpClient client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(REQUEST_TIMEOUT)
				.build();
			URI uri = peers.uri(id, "/leader");
			this.threads.scheduleWithFixedDelay(() -> poll(id, client, uri), 0, PERIOD.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Starts polling.
	 * @param peers the group
	 * @param ids the peers to poll
	 * @return the running poller; close it to stop
	 */
	static LeaderPoller start(PeerProcesses peers, List<Integer> ids) {
		return new LeaderPoller(peers, ids);
	}

	private void poll(int id, HttpClient client, URI uri) {
		Instant sent = Instant.now();
		int leaderId = View.NO_ANSWER;
		long term = -1;
		try {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = JSON.readTree(response.body());
			leaderId = (response.statusCode() == 200) ? body.get("leaderId").asInt() : View.NONE;
			term = body.path("term").asLong();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (Exception ex) {
			// no answer: frozen, dead or too slow; neither a claim nor a denial
		}
		this.samples.add(new Sample(id, sent, Instant.now(), leaderId, term));
	}

	/**
	 * Every answer so far.
	 * @return a copy
	 */
	List<Sample> samples() {
		return List.copyOf(this.samples);
	}

	/**
	 * Answers of one peer since an instant.
	 * @param id the peer
	 * @param from requests sent at or after this
	 * @return its answers in order
	 */
	List<Sample> samples(int id, Instant from) {
		return this.samples.stream().filter((sample) -> sample.peer() == id && !sample.sent().isBefore(from)).toList();
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
		try {
			if (!this.threads.awaitTermination(5, TimeUnit.SECONDS)) {
				throw new IllegalStateException("pollers did not stop");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

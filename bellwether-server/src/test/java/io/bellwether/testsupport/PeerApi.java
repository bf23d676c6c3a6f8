package io.bellwether.testsupport;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a peer process says over HTTP: {@code /leader}, {@code /peers} and the
 * {@code /events} snapshot, read as plain values.
 */
public final class PeerApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * The peer's {@code /leader}.
	 * @param base base URI of its HTTP port
	 * @return leaderId ({@link View#NONE} on 503, {@link View#NO_ANSWER} when it does not
	 * answer) and term
	 */
	public View view(URI base) {
		try {
			HttpResponse<String> response = get(base.resolve("/leader"));
			JsonNode body = JSON.readTree(response.body());
			if (response.statusCode() != 200) {
				return new View(View.NONE, body.path("term").asLong(), body.path("detail").asString());
			}
			return new View(body.get("leaderId").asInt(), body.get("term").asLong(), body.get("since").asString());
		}
		catch (IOException | RuntimeException ex) {
			return new View(View.NO_ANSWER, -1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new View(View.NO_ANSWER, -1, "interrupted");
		}
	}

	/**
	 * The peer's {@code /actuator/prometheus} exposition.
	 * @param base base URI of its HTTP port
	 * @return the text, empty when it does not answer 200
	 */
	public Optional<String> prometheus(URI base) {
		try {
			HttpResponse<String> response = get(base.resolve("/actuator/prometheus"));
			return (response.statusCode() == 200) ? Optional.of(response.body()) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/**
	 * The peer's {@code /peers} statuses by id.
	 * @param base base URI of its HTTP port
	 * @return statuses, empty when it does not answer
	 */
	public Map<Integer, String> statuses(URI base) {
		try {
			Map<Integer, String> statuses = new LinkedHashMap<>();
			for (JsonNode peer : JSON.readTree(get(base.resolve("/peers")).body())) {
				statuses.put(peer.get("id").asInt(), peer.get("status").asString());
			}
			return statuses;
		}
		catch (IOException | RuntimeException ex) {
			return Map.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Map.of();
		}
	}

	/**
	 * What the peer's {@code /events} snapshot replays: its latest leader and membership
	 * changes, stamped by the peer itself.
	 * @param id the peer
	 * @param httpPort its HTTP port on 127.0.0.1
	 * @return its recent changes, oldest first
	 */
	public static History history(int id, int httpPort) {
		try (SseConnection events = SseConnection.open(httpPort)) {
			return history(id, events.await(Duration.ofSeconds(10), (event) -> event.is("snapshot")).data());
		}
		catch (IOException ex) {
			throw new IllegalStateException("reading peer " + id + "'s /events failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The changes an {@code /events} snapshot replays.
	 * @param id the peer that sent it
	 * @param snapshot the snapshot's data
	 * @return its recent changes, oldest first
	 */
	public static History history(int id, JsonNode snapshot) {
		List<LeaderEvent> leader = new ArrayList<>();
		List<MembershipEvent> membership = new ArrayList<>();
		for (JsonNode recent : snapshot.path("recent")) {
			String event = recent.path("event").asString();
			if ("leader".equals(event)) {
				leader.add(leaderEvent(id, recent.path("data")));
			}
			else if ("membership".equals(event)) {
				membership.add(membershipEvent(id, recent.path("data")));
			}
		}
		return new History(leader, membership);
	}

	/** A {@code leader} event's data. */
	public static LeaderEvent leaderEvent(int id, JsonNode data) {
		return new LeaderEvent(id, leaderId(data.path("previousLeaderId")), leaderId(data.path("leaderId")),
				data.path("term").asLong(), instant(data.path("at")));
	}

	/** A leader id as the events write it: {@code null} for none ({@link View#NONE}). */
	private static int leaderId(JsonNode node) {
		return (node.isNull() || node.isMissingNode()) ? View.NONE : node.asInt();
	}

	/** A {@code membership} event's data. */
	public static MembershipEvent membershipEvent(int id, JsonNode data) {
		return new MembershipEvent(id, data.path("peerId").asInt(), data.path("status").asString(),
				data.path("cause").asString(""), instant(data.path("at")), data.path("text").asString());
	}

	/**
	 * An instant as Jackson writes it: ISO-8601 text, or seconds with a fraction.
	 * @param node the value
	 * @return the instant
	 */
	public static Instant instant(JsonNode node) {
		if (node.isNumber()) {
			BigDecimal seconds = node.decimalValue();
			return Instant.ofEpochSecond(seconds.longValue(),
					seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
		}
		return Instant.parse(node.asString());
	}

	private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * One peer's answer to {@code /leader}.
	 *
	 * @param leaderId the leader, {@link #NONE} for none, {@link #NO_ANSWER} when the
	 * peer did not answer (peer ids start at 0)
	 * @param term the term
	 * @param detail {@code since} or the problem detail
	 */
	public record View(int leaderId, long term, String detail) {

		/** The peer answered 503: it has no leader. */
		public static final int NONE = -1;

		/** The peer did not answer. */
		public static final int NO_ANSWER = -2;

	}

	/**
	 * A peer's recent changes, as it stamped them.
	 *
	 * @param leaderChanges changes of the leader it follows
	 * @param membershipChanges peers it saw become ALIVE or DEAD
	 */
	public record History(List<LeaderEvent> leaderChanges, List<MembershipEvent> membershipChanges) {
	}

	/**
	 * A change of the leader one peer follows, stamped by that peer.
	 *
	 * @param peer the peer whose view changed
	 * @param previousLeaderId the leader before (0: none)
	 * @param leaderId the leader after (0: none)
	 * @param term the term after
	 * @param at the {@code since} the peer recorded
	 */
	public record LeaderEvent(int peer, int previousLeaderId, int leaderId, long term, Instant at) {
	}

	/**
	 * A peer seen to become ALIVE or DEAD.
	 *
	 * @param observer the peer that saw it
	 * @param peerId the peer seen
	 * @param status ALIVE or DEAD
	 * @param cause why DEAD ({@code TIMEOUT}, {@code CONNECTION_LOST}, {@code LEAVE}),
	 * empty when ALIVE
	 * @param at when the observer detected it
	 * @param text its log line
	 */
	public record MembershipEvent(int observer, int peerId, String status, String cause, Instant at, String text) {
	}

}

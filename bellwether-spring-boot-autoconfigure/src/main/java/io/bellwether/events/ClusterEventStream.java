package io.bellwether.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.bellwether.election.ClusterListener;
import io.bellwether.election.ElectionService;
import io.bellwether.election.LeaderChangedEvent;
import io.bellwether.election.Leadership;
import io.bellwether.events.StreamClient.Message;
import io.bellwether.events.StreamClient.Offer;
import io.bellwether.membership.FailureCause;
import io.bellwether.membership.MembershipChange;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.membership.PeerRegistry;
import io.bellwether.membership.PeerStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

/**
 * Fans the cluster's changes out to the {@code /events} clients. A new client first gets
 * a snapshot (taken under the same lock that publishes, so no change falls between the
 * snapshot and the first event); then every membership and leader change, serialised once
 * and offered to each client's bounded queue without blocking. Keeps the latest changes
 * for the snapshot's timeline.
 * <p>
 * Told of changes on the core's thread (through the
 * {@link io.bellwether.SpringEventBridge}), never behind the application's listeners.
 * <p>
 * A lifecycle bean stopped before the web server, so open streams end cleanly instead of
 * holding up a graceful shutdown.
 */
final class ClusterEventStream implements SmartLifecycle, ClusterListener {

	/** Changes kept for the timeline of a new client's snapshot. */
	static final int HISTORY = 50;

	private static final Duration STOP_BOUND = Duration.ofSeconds(1);

	/**
	 * Changes published on different threads may reach the history out of order; the
	 * timeline is by detection time.
	 */
	private static final Comparator<StreamEvent> BY_TIME = Comparator.comparing(StreamEvent::at);

	private final EventsProperties properties;

	private final PeerRegistry registry;

	private final ElectionService election;

	private final JsonMapper json;

	private final Counter dropped;

	private final Set<StreamClient> clients = new LinkedHashSet<>();

	private final Deque<StreamEvent> history = new ArrayDeque<>();

	private final AtomicInteger clientNumber = new AtomicInteger();

	private boolean stopped;

	private volatile boolean running;

	ClusterEventStream(EventsProperties properties, PeerRegistry registry, ElectionService election, JsonMapper json,
			MeterRegistry meters) {
		this.properties = properties;
		this.registry = registry;
		this.election = election;
		this.json = json;
		Gauge.builder("bellwether.events.clients", this, ClusterEventStream::clientCount)
			.description("Open /events streams")
			.register(meters);
		this.dropped = Counter.builder("bellwether.events.clients.dropped")
			.description("/events streams closed because the client fell too far behind")
			.register(meters);
		warmUp();
	}

	/**
	 * Serialises one event of each kind, so that the first real change is not delayed by
	 * building serializers.
	 */
	private void warmUp() {
		Instant now = Instant.EPOCH;
		message(new StreamEvent.Membership(0, PeerStatus.DEAD, FailureCause.TIMEOUT, 0, now, ""));
		message(new StreamEvent.Leader(null, 0, null, 0, now, null, ""));
		message(snapshot());
		heartbeat();
	}

	/**
	 * Opens a stream for a new client: queues the snapshot and starts its writer.
	 * @param sink where its events go
	 * @param label the client, for logs
	 * @return the client, or empty when too many are connected or the peer is stopping
	 */
	Optional<StreamClient> open(StreamClient.Sink sink, String label) {
		synchronized (this.clients) {
			if (this.stopped || this.clients.size() >= this.properties.maxClients()) {
				return Optional.empty();
			}
			StreamClient client = new StreamClient(label, sink, this.properties.buffer(), this.properties.heartbeat(),
					this::heartbeat, this::ended);
			client.offer(message(snapshot()));
			this.clients.add(client);
			client.start("bellwether-sse-" + this.clientNumber.incrementAndGet());
			return Optional.of(client);
		}
	}

	@Override
	public void membershipChanged(MembershipChange change) {
		onMembershipChange(change);
	}

	@Override
	public void leaderChanged(LeaderChangedEvent change) {
		onLeaderChanged(change);
	}

	void onMembershipChange(MembershipChange change) {
		broadcast(StreamEvent.Membership.of(change));
	}

	void onLeaderChanged(LeaderChangedEvent change) {
		broadcast(StreamEvent.Leader.of(change));
	}

	private void broadcast(StreamEvent event) {
		Message message = message(event);
		synchronized (this.clients) {
			this.history.addLast(event);
			while (this.history.size() > HISTORY) {
				this.history.removeFirst();
			}
			for (StreamClient client : this.clients) {
				if (client.offer(message) == Offer.OVERFLOWED) {
					this.dropped.increment();
				}
			}
		}
	}

	/** The whole picture; called with the lock held. */
	private StreamEvent.Snapshot snapshot() {
		MembershipSnapshot view = this.registry.snapshot();
		Leadership leadership = this.election.leadership();
		return new StreamEvent.Snapshot(view.selfId(), view.at(), StreamEvent.LeaderState.of(leadership),
				view.members()
					.stream()
					.map((member) -> StreamEvent.PeerState.of(member, view.at(), leadership))
					.toList(),
				this.history.stream().sorted(BY_TIME).map(StreamEvent.Recent::of).toList(),
				this.properties.heartbeat().toMillis());
	}

	private Message heartbeat() {
		return message(StreamEvent.Heartbeat.of(this.registry.snapshot(), this.election.leadership()));
	}

	private Message message(StreamEvent event) {
		return new Message(event.name(), this.json.writeValueAsString(event));
	}

	private void ended(StreamClient client) {
		synchronized (this.clients) {
			this.clients.remove(client);
		}
	}

	int clientCount() {
		synchronized (this.clients) {
			return this.clients.size();
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		List<StreamClient> open;
		synchronized (this.clients) {
			this.stopped = true;
			open = new ArrayList<>(this.clients);
		}
		open.forEach(StreamClient::close);
		for (StreamClient client : open) {
			try {
				client.thread().join(STOP_BOUND.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stopped first: before the web server's graceful shutdown waits for open streams.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}

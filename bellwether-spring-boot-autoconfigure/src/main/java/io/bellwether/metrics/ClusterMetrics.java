package io.bellwether.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.bellwether.config.PeerAddress;
import io.bellwether.config.PeerProperties;
import io.bellwether.election.ClusterListener;
import io.bellwether.election.ElectionService;
import io.bellwether.election.LeaderChangedEvent;
import io.bellwether.membership.FailureCause;
import io.bellwether.membership.Member;
import io.bellwether.membership.MembershipChange;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.membership.PeerRegistry;
import io.bellwether.membership.PeerStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The cluster as this peer sees it, as Micrometer meters. Gauges read the current state
 * when scraped; counters follow the membership and leader events. Tags are low
 * cardinality: {@code peer} is one of the configured ids, {@code cause} one of the
 * {@link FailureCause} tags, {@code status} {@code alive} or {@code dead}. Told of
 * changes on the core's thread, before (and never behind) the application's listeners.
 */
final class ClusterMetrics implements ClusterListener {

	private final PeerRegistry registry;

	private final ElectionService election;

	private final Counter leaderChanges;

	private final Map<Integer, Map<FailureCause, Counter>> failures = new HashMap<>();

	ClusterMetrics(MeterRegistry meters, PeerProperties properties, PeerRegistry registry, ElectionService election) {
		this.registry = registry;
		this.election = election;
		int selfId = properties.selfId();
		Gauge.builder("bellwether.is.leader", election, (e) -> (e.leadership().leaderId() == selfId) ? 1 : 0)
			.description("1 while this peer is the leader, else 0")
			.register(meters);
		Gauge.builder("bellwether.leader.id", election, (e) -> e.leadership().leaderId())
			.description("Id of the leader this peer follows (ids start at 0), -1 while it has none")
			.register(meters);
		Gauge.builder("bellwether.leader.term", election, (e) -> e.leadership().term())
			.description("Term of the leader this peer follows (the last known term while it has none)")
			.register(meters);
		this.leaderChanges = Counter.builder("bellwether.leader.changes")
			.description("Changes of the leader this peer follows (including to and from no leader)")
			.register(meters);
		for (PeerStatus status : PeerStatus.values()) {
			Gauge.builder("bellwether.peers", registry, (r) -> count(r.snapshot(), status))
				.description("Configured peers, this one included, by status as this peer sees them")
				.tag("status", status.name().toLowerCase())
				.register(meters);
		}
		for (PeerAddress peer : properties.others()) {
			int id = peer.id();
			String tag = String.valueOf(id);
			Gauge.builder("bellwether.peer.alive", registry, member(id, (m) -> m.alive() ? 1 : 0))
				.description("1 while the peer is ALIVE as this peer sees it, else 0")
				.tag("peer", tag)
				.register(meters);
			Gauge.builder("bellwether.peer.last.seen.age", registry, lastSeenAge(id))
				.description("Time since the last frame from the peer arrived (NaN if never)")
				.tag("peer", tag)
				.baseUnit("seconds")
				.register(meters);
			Map<FailureCause, Counter> byCause = new EnumMap<>(FailureCause.class);
			for (FailureCause cause : FailureCause.values()) {
				byCause.put(cause,
						Counter.builder("bellwether.failures")
							.description("Times the peer was declared DEAD, by cause")
							.tag("peer", tag)
							.tag("cause", cause.tag())
							.register(meters));
			}
			this.failures.put(id, byCause);
		}
	}

	private static double count(MembershipSnapshot view, PeerStatus status) {
		return view.members().stream().filter((member) -> member.status() == status).count();
	}

	private static ToDoubleFunction<PeerRegistry> member(int id, ToDoubleFunction<Member> value) {
		return (registry) -> registry.snapshot().member(id).map(value::applyAsDouble).orElse(Double.NaN);
	}

	private static ToDoubleFunction<PeerRegistry> lastSeenAge(int id) {
		return (registry) -> {
			MembershipSnapshot view = registry.snapshot();
			Duration age = view.member(id).map((member) -> member.lastSeenAgo(view.at())).orElse(null);
			return (age != null) ? age.toNanos() / 1e9 : Double.NaN;
		};
	}

	@Override
	public void membershipChanged(MembershipChange change) {
		if (change.status() == PeerStatus.DEAD && change.cause() != null) {
			Map<FailureCause, Counter> byCause = this.failures.get(change.peerId());
			if (byCause != null) {
				byCause.get(change.cause()).increment();
			}
		}
	}

	@Override
	public void leaderChanged(LeaderChangedEvent change) {
		this.leaderChanges.increment();
	}

}

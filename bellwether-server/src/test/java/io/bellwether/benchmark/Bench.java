package io.bellwether.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.bellwether.testsupport.Firewall;
import io.bellwether.testsupport.PeerApi.LeaderEvent;
import io.bellwether.testsupport.PeerApi.MembershipEvent;
import io.bellwether.testsupport.PeerApi.View;
import io.bellwether.testsupport.PeerProcesses;

import static org.awaitility.Awaitility.await;

/**
 * What every scenario shares: how peers start (one {@link JvmConfig}), the group size,
 * the peers' loopback addresses ({@code 127.0.2.<id>}, not the chaos tests'
 * {@code 127.0.1.x}, so both can run at once), and reading the peers' own timestamps.
 */
final class Bench {

	/** Heartbeat addresses: 127.0.2.<id>. */
	static final String NET = "127.0.2";

	/** The iptables chain of the split scenarios. */
	static final String CHAIN = "BELLWETHER-BENCH";

	/** The peers' default heartbeat timeout (a peer is DEAD after this silence). */
	static final Duration TIMEOUT = Duration.ofSeconds(2);

	/** Start-up of several JVMs on a small, busy host. */
	static final Duration START = Duration.ofSeconds(300);

	static final Duration FAILOVER = Duration.ofSeconds(30);

	/** Observed after agreement, for late changes. */
	static final Duration SETTLE = Duration.ofSeconds(2);

	private final JvmConfig.Launch launch;

	private final int size;

	private final Path dir;

	private final List<String> peerArgs;

	Bench(JvmConfig.Launch launch, int size, Path dir, List<String> peerArgs) {
		this.launch = launch;
		this.size = size;
		this.dir = dir;
		this.peerArgs = List.copyOf(peerArgs);
	}

	int size() {
		return this.size;
	}

	List<Integer> ids() {
		return IntStream.rangeClosed(1, this.size).boxed().toList();
	}

	/**
	 * A group of {@code size} peers, not started; logs in {@code
	 *
	<dir>
	 * /<name>/}.
	 */
	PeerProcesses group(String name, int size, String... args) {
		List<String> all = new ArrayList<>(this.peerArgs);
		all.addAll(List.of(args));
		return new PeerProcesses(this.launch.group(size).withLoopback(NET).withArgs(all.toArray(String[]::new)),
				this.dir.resolve(name));
	}

	/** The whole group, started, every peer following peer 1. */
	PeerProcesses agreedGroup(String name, String... args) throws Exception {
		PeerProcesses peers = group(name, this.size, args).startAll();
		awaitAgreement(peers, ids(), 1, START);
		return peers;
	}

	Firewall firewall() {
		return new Firewall(CHAIN, (id) -> NET + "." + id);
	}

	/** Waits (polling {@code /leader}; not a measurement) until all name one leader. */
	static void awaitAgreement(PeerProcesses peers, List<Integer> ids, int leader, Duration within) {
		await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
			List<View> views = List.copyOf(peers.views(ids).values());
			return views.stream().allMatch((view) -> view.leaderId() == leader)
					&& views.stream().map(View::term).distinct().count() == 1;
		});
	}

	/** Waits until none of the peers names a leader. */
	static void awaitNoLeader(PeerProcesses peers, List<Integer> ids, Duration within) {
		await().atMost(within)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> peers.views(ids).values().stream().allMatch((view) -> view.leaderId() == View.NONE));
	}

	/** Every leader change the peers stamped after {@code after}. */
	static List<LeaderEvent> leaderChanges(PeerProcesses peers, Collection<Integer> ids, Instant after) {
		return ids.stream()
			.flatMap((id) -> peers.history(id).leaderChanges().stream())
			.filter((event) -> event.at().isAfter(after))
			.toList();
	}

	/** Every membership change the peers stamped after {@code after}. */
	static List<MembershipEvent> membershipChanges(PeerProcesses peers, Collection<Integer> ids, Instant after) {
		return ids.stream()
			.flatMap((id) -> peers.history(id).membershipChanges().stream())
			.filter((event) -> event.at().isAfter(after))
			.toList();
	}

	/**
	 * When the last of the peers switched to {@code leader} (by their own clocks): each
	 * peer's last change to it.
	 * @param changes the changes stamped by the peers
	 * @param ids the peers
	 * @param leader the leader they agree on (0: none)
	 * @return the latest switch, empty if one peer has none
	 */
	static Optional<Instant> agreedAt(List<LeaderEvent> changes, Collection<Integer> ids, int leader) {
		Instant latest = Instant.MIN;
		for (int id : ids) {
			Optional<Instant> switched = changes.stream()
				.filter((event) -> event.peer() == id && event.leaderId() == leader)
				.map(LeaderEvent::at)
				.max(Instant::compareTo);
			if (switched.isEmpty()) {
				return Optional.empty();
			}
			latest = Stream.of(latest, switched.get()).max(Instant::compareTo).get();
		}
		return Optional.of(latest);
	}

	/**
	 * Leader changes beyond the {@code expected} each peer needs.
	 * @param changes the changes stamped by the peers
	 * @param ids the peers
	 * @param expected changes each peer must make (1 for a failover, 0 at rest)
	 * @return the spurious changes
	 */
	static long spurious(List<LeaderEvent> changes, Collection<Integer> ids, int expected) {
		return ids.stream()
			.mapToLong((id) -> Math.max(0, changes.stream().filter((event) -> event.peer() == id).count() - expected))
			.sum();
	}

	static double millis(Instant from, Instant to) {
		return Duration.between(from, to).toNanos() / 1e6;
	}

	static void pause(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

}

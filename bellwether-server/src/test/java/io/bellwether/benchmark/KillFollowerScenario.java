package io.bellwether.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.bellwether.testsupport.Moment;
import io.bellwether.testsupport.PeerApi.MembershipEvent;
import io.bellwether.testsupport.PeerProcesses;

import static org.awaitility.Awaitility.await;

/**
 * {@code kill-follower}: {@code kill -9} of the highest peer; time until every survivor
 * has stamped it DEAD; every leader change counts as spurious.
 */
final class KillFollowerScenario implements Scenario {

	@Override
	public String name() {
		return "kill-follower";
	}

	@Override
	public void run(Bench bench, int trials, Figures figures) throws Exception {
		int victim = bench.size();
		List<Integer> survivors = bench.ids().subList(0, bench.size() - 1);
		try (PeerProcesses peers = bench.agreedGroup(name())) {
			for (int trial = 1; trial <= trials; trial++) {
				Moment fault = peers.kill(victim);
				awaitStatus(peers, survivors, victim, "DEAD");
				Bench.pause(Bench.SETTLE);
				List<MembershipEvent> dead = Bench.membershipChanges(peers, survivors, fault.from())
					.stream()
					.filter((event) -> event.peerId() == victim && "DEAD".equals(event.status()))
					.toList();
				Optional<Instant> last = dead.stream().map(MembershipEvent::at).max(Instant::compareTo);
				boolean all = dead.stream().map(MembershipEvent::observer).distinct().count() == survivors.size();
				last.filter((at) -> all)
					.ifPresent((at) -> figures.add("kill -> all see it DEAD ms", fault.millisUntil(at)));
				figures.count("spurious leader changes",
						Bench.spurious(Bench.leaderChanges(peers, survivors, fault.from()), survivors, 0));
				figures.trialDone(all);
				peers.start(victim);
				awaitStatus(peers, bench.ids(), victim, "ALIVE");
				Bench.awaitAgreement(peers, bench.ids(), 1, Bench.START);
				Bench.pause(Bench.SETTLE);
			}
		}
	}

	private static void awaitStatus(PeerProcesses peers, List<Integer> observers, int peer, String status) {
		await().atMost(Bench.START)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> observers.stream().allMatch((id) -> status.equals(peers.statuses(id).get(peer))));
	}

}

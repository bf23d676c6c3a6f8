package io.bellwether.benchmark;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.bellwether.testsupport.PeerApi.LeaderEvent;
import io.bellwether.testsupport.PeerProcesses;

/**
 * {@code launch}: all peers started at once (as {@code scripts/local-cluster.sh} does);
 * time from the launch to the last peer's switch to leader 1, by the peers' own
 * timestamps; each peer's own ready time; leader changes beyond the one each makes.
 */
final class LaunchScenario implements Scenario {

	@Override
	public String name() {
		return "launch";
	}

	@Override
	public void run(Bench bench, int trials, Figures figures) throws Exception {
		for (int trial = 1; trial <= trials; trial++) {
			try (PeerProcesses peers = bench.group("launch-" + trial, bench.size())) {
				Instant launched = Instant.now();
				peers.startAll();
				Bench.awaitAgreement(peers, bench.ids(), 1, Bench.START);
				Bench.pause(Bench.SETTLE);
				List<LeaderEvent> changes = Bench.leaderChanges(peers, bench.ids(), launched);
				Optional<Instant> agreed = Bench.agreedAt(changes, bench.ids(), 1);
				agreed.ifPresent((at) -> figures.add("launch -> agreement ms", Bench.millis(launched, at)));
				for (int id : bench.ids()) {
					ReadyTime.millis(peers, id)
						.ifPresent((ready) -> figures.add("ready ms (each peer, own application.ready.time)", ready));
				}
				figures.count("spurious leader changes", Bench.spurious(changes, bench.ids(), 1));
				figures.trialDone(agreed.isPresent());
			}
		}
	}

}

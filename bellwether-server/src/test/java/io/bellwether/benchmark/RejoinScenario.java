package io.bellwether.benchmark;

import java.time.Instant;
import java.util.List;

import io.bellwether.testsupport.Moment;
import io.bellwether.testsupport.PeerApi.LeaderEvent;
import io.bellwether.testsupport.PeerProcesses;

/**
 * {@code rejoin}: leader 1 comes back after {@code kill -9} + restart, and after
 * {@code SIGSTOP} (heartbeat timeout + 3 s) + {@code SIGCONT}: time from the restart or
 * resume until every peer follows it again; changes beyond one per peer meanwhile.
 */
final class RejoinScenario implements Scenario {

	@Override
	public String name() {
		return "rejoin";
	}

	@Override
	public void run(Bench bench, int trials, Figures figures) throws Exception {
		List<Integer> survivors = bench.ids().subList(1, bench.size());
		try (PeerProcesses peers = bench.agreedGroup(name())) {
			for (int trial = 1; trial <= trials; trial++) {
				peers.kill(1);
				Bench.awaitAgreement(peers, survivors, 2, Bench.FAILOVER);
				Bench.pause(Bench.SETTLE);
				boolean restarted = measure(peers, bench, Faults.start(peers, 1), "restart", figures);

				peers.freeze(1);
				Bench.awaitAgreement(peers, survivors, 2, Bench.FAILOVER);
				Bench.pause(Bench.TIMEOUT.plusSeconds(1));
				boolean resumed = measure(peers, bench, peers.resume(1), "resume", figures);
				figures.trialDone(restarted && resumed);
			}
		}
	}

	private static boolean measure(PeerProcesses peers, Bench bench, Moment back, String how, Figures figures)
			throws InterruptedException {
		Bench.awaitAgreement(peers, bench.ids(), 1, Bench.START);
		Bench.pause(Bench.SETTLE);
		List<LeaderEvent> changes = Bench.leaderChanges(peers, bench.ids(), back.from());
		var agreed = Bench.agreedAt(changes, bench.ids(), 1);
		agreed.ifPresent((Instant at) -> figures.add(how + " -> all follow peer 1 ms", back.millisUntil(at)));
		figures.count("spurious leader changes (" + how + ")", Bench.spurious(changes, bench.ids(), 1));
		return agreed.isPresent();
	}

}

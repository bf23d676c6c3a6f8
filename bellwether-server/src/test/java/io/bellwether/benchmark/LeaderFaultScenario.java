package io.bellwether.benchmark;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.bellwether.testsupport.Moment;
import io.bellwether.testsupport.PeerApi.LeaderEvent;
import io.bellwether.testsupport.PeerProcesses;

/**
 * {@code kill-leader} ({@code kill -9}) and {@code freeze-leader} ({@code SIGSTOP}) of
 * leader 1: time from the signal to the last survivor's switch to peer 2, by the
 * survivors' own timestamps; changes beyond the one switch each. Between trials peer 1 is
 * restarted (or resumed) and the group agrees on it again.
 */
final class LeaderFaultScenario implements Scenario {

	private final boolean freeze;

	private LeaderFaultScenario(boolean freeze) {
		this.freeze = freeze;
	}

	static LeaderFaultScenario kill() {
		return new LeaderFaultScenario(false);
	}

	static LeaderFaultScenario freeze() {
		return new LeaderFaultScenario(true);
	}

	@Override
	public String name() {
		return this.freeze ? "freeze-leader" : "kill-leader";
	}

	@Override
	public void run(Bench bench, int trials, Figures figures) throws Exception {
		List<Integer> survivors = bench.ids().subList(1, bench.size());
		try (PeerProcesses peers = bench.agreedGroup(name())) {
			for (int trial = 1; trial <= trials; trial++) {
				Moment fault = this.freeze ? peers.freeze(1) : peers.kill(1);
				Bench.awaitAgreement(peers, survivors, 2, Bench.FAILOVER);
				Bench.pause(Bench.SETTLE);
				List<LeaderEvent> changes = Bench.leaderChanges(peers, survivors, fault.from());
				Optional<Instant> agreed = Bench.agreedAt(changes, survivors, 2);
				agreed.ifPresent((at) -> figures.add("fault -> survivors agree ms", fault.millisUntil(at)));
				figures.count("spurious leader changes", Bench.spurious(changes, survivors, 1));
				figures.trialDone(agreed.isPresent());
				if (this.freeze) {
					peers.resume(1);
				}
				else {
					peers.start(1);
				}
				Bench.awaitAgreement(peers, bench.ids(), 1, Bench.START);
				Bench.pause(Bench.SETTLE);
			}
		}
	}

}

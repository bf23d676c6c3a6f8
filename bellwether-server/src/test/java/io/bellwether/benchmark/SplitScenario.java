package io.bellwether.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.bellwether.testsupport.Firewall;
import io.bellwether.testsupport.Moment;
import io.bellwether.testsupport.PeerApi.LeaderEvent;
import io.bellwether.testsupport.PeerApi.View;
import io.bellwether.testsupport.PeerProcesses;

/**
 * {@code split-none} and {@code split-majority}: a 2-2 split (lower half | upper half,
 * iptables, root only). Without a quorum each side elects its own leader; with
 * {@code --bellwether.election.quorum=majority} nobody leads, checked for
 * {@code benchmark.split-observe} (5 s): every poll in which a peer names a leader is a
 * violation. Then the heal: time until all follow peer 1.
 */
final class SplitScenario implements Scenario {

	private static final Duration OBSERVE = Duration.ofSeconds(Long.getLong("benchmark.split-observe", 5));

	private final boolean majority;

	private SplitScenario(boolean majority) {
		this.majority = majority;
	}

	static SplitScenario none() {
		return new SplitScenario(false);
	}

	static SplitScenario majority() {
		return new SplitScenario(true);
	}

	@Override
	public String name() {
		return this.majority ? "split-majority" : "split-none";
	}

	@Override
	public void run(Bench bench, int trials, Figures figures) throws Exception {
		if (!Firewall.available()) {
			figures.note("skipped: needs root and iptables");
			return;
		}
		List<Integer> lower = bench.ids().subList(0, bench.size() / 2);
		List<Integer> upper = bench.ids().subList(bench.size() / 2, bench.size());
		String[] args = this.majority ? new String[] { "--bellwether.election.quorum=majority" } : new String[0];
		try (PeerProcesses peers = bench.agreedGroup(name(), args); Firewall firewall = bench.firewall()) {
			for (int trial = 1; trial <= trials; trial++) {
				firewall.split(lower, upper);
				Moment cut = firewall.lastChange();
				boolean split = this.majority ? noLeader(peers, bench, cut, figures)
						: ownLeaders(peers, upper, cut, figures);
				firewall.heal();
				Moment heal = firewall.lastChange();
				Bench.awaitAgreement(peers, bench.ids(), 1, Bench.FAILOVER);
				Bench.pause(Bench.SETTLE);
				List<Integer> changing = this.majority ? bench.ids() : upper;
				List<LeaderEvent> changes = Bench.leaderChanges(peers, bench.ids(), heal.from());
				Optional<Instant> healed = Bench.agreedAt(changes, changing, 1);
				healed.ifPresent((at) -> figures.add("heal -> one leader ms", heal.millisUntil(at)));
				figures.count("spurious leader changes (heal)", Bench.spurious(changes, changing, 1)
						+ Bench.spurious(changes, lower.stream().filter((id) -> !changing.contains(id)).toList(), 0));
				figures.trialDone(split && healed.isPresent());
			}
		}
	}

	private static boolean ownLeaders(PeerProcesses peers, List<Integer> upper, Moment cut, Figures figures)
			throws InterruptedException {
		Bench.awaitAgreement(peers, upper, upper.get(0), Bench.FAILOVER);
		Bench.pause(Bench.SETTLE);
		Optional<Instant> agreed = Bench.agreedAt(Bench.leaderChanges(peers, upper, cut.from()), upper, upper.get(0));
		agreed.ifPresent((at) -> figures.add("split -> each side has a leader ms", cut.millisUntil(at)));
		return agreed.isPresent();
	}

	private static boolean noLeader(PeerProcesses peers, Bench bench, Moment cut, Figures figures) {
		Bench.awaitNoLeader(peers, bench.ids(), Bench.FAILOVER);
		List<LeaderEvent> changes = Bench.leaderChanges(peers, bench.ids(), cut.from());
		Optional<Instant> none = Bench.agreedAt(changes, bench.ids(), 0);
		none.ifPresent((at) -> figures.add("split -> nobody leads ms", cut.millisUntil(at)));
		long violations = 0;
		long until = System.nanoTime() + OBSERVE.toNanos();
		while (System.nanoTime() < until) {
			violations += peers.views(bench.ids()).values().stream().filter((view) -> view.leaderId() >= 0).count();
		}
		figures.count("violations (a peer named a leader while split)", violations);
		return none.isPresent() && violations == 0;
	}

}

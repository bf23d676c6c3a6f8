package io.bellwether.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.bellwether.chaos.LeaderClaims.Sample;
import io.bellwether.chaos.LeaderClaims.Tenure;
import io.bellwether.testsupport.Moment;
import io.bellwether.testsupport.PeerApi.History;
import io.bellwether.testsupport.PeerApi.LeaderEvent;
import io.bellwether.testsupport.PeerApi.MembershipEvent;
import io.bellwether.testsupport.PeerProcesses;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fault trial watched for two leaders at once: polls every peer's {@code /leader}
 * while it lasts, then reads every peer's own history and checks that no two peers' times
 * as leader overlap, by the peers' timestamps ({@code since}) and by the polls. Prints
 * the figures on one greppable line ({@code CHAOS <name>: ...}) before asserting, so that
 * a failing trial still reports what it measured.
 */
final class Trial implements AutoCloseable {

	private final String name;

	private final PeerProcesses peers;

	private final List<Integer> ids;

	private final Instant start = Instant.now();

	private final LeaderPoller poller;

	private Trial(String name, PeerProcesses peers, List<Integer> ids) {
		this.name = name;
		this.peers = peers;
		this.ids = ids;
		this.poller = LeaderPoller.start(peers, ids);
	}

	static Trial start(String name, PeerProcesses peers, List<Integer> ids) {
		return new Trial(name, peers, ids);
	}

	Instant started() {
		return this.start;
	}

	LeaderPoller poller() {
		return this.poller;
	}

	/**
	 * Stops polling and collects what happened since the trial started.
	 * @return the record of the trial
	 */
	Result finish() {
		this.poller.close();
		Instant end = Instant.now();
		Map<Integer, History> histories = this.peers.histories(this.ids);
		List<Tenure> tenures = new ArrayList<>();
		histories.forEach((id, history) -> LeaderClaims.tenures(id, history.leaderChanges(), Instant.EPOCH, end)
			.stream()
			.filter((tenure) -> tenure.to().isAfter(this.start))
			.forEach(tenures::add));
		tenures.sort(Comparator.comparing(Tenure::from));
		return new Result(this.name, this.start, end, this.poller.samples(), histories, tenures);
	}

	@Override
	public void close() {
		this.poller.close();
	}

	/**
	 * What one trial recorded.
	 *
	 * @param name the trial
	 * @param start when polling started
	 * @param end when it stopped
	 * @param samples every poll
	 * @param histories every peer's recent changes, read at the end
	 * @param tenures every peer's times as leader that reach into the trial, by their own
	 * timestamps, in order
	 */
	record Result(String name, Instant start, Instant end, List<Sample> samples, Map<Integer, History> histories,
			List<Tenure> tenures) {

		/**
		 * The first time {@code peer} became leader after {@code after}, by its own
		 * timestamp.
		 */
		Optional<Instant> becameLeader(int peer, Instant after) {
			return this.tenures.stream()
				.filter((tenure) -> tenure.peer() == peer && tenure.from().isAfter(after))
				.map(Tenure::from)
				.findFirst();
		}

		/**
		 * Membership changes some peer recorded during the trial about {@code peerId}.
		 */
		List<MembershipEvent> membership(int peerId) {
			return this.histories.values()
				.stream()
				.flatMap((history) -> history.membershipChanges().stream())
				.filter((event) -> event.peerId() == peerId && event.at().isAfter(this.start))
				.sorted(Comparator.comparing(MembershipEvent::at))
				.toList();
		}

		/** Leader changes any peer recorded during the trial. */
		List<LeaderEvent> leaderChanges() {
			return this.histories.values()
				.stream()
				.flatMap((history) -> history.leaderChanges().stream())
				.filter((event) -> event.at().isAfter(this.start))
				.sorted(Comparator.comparing(LeaderEvent::at))
				.toList();
		}

		/**
		 * Prints the figures, then asserts that no two peers led at once: by their own
		 * timestamps each tenure ends strictly before the next one starts, and the polls
		 * show 0 ms of overlap.
		 * @param fault when the fault took effect (figures are measured from it)
		 * @param from the leader before the fault
		 * @param to the leader the fault should hand over to (0: none)
		 * @param extra more figures for the line
		 * @return this
		 */
		Result assertNoOverlap(Moment fault, int from, int to, String extra) {
			Optional<Duration> sinceGap = LeaderClaims.smallestGap(this.tenures);
			Duration certain = LeaderClaims.certainOverlap(this.samples);
			Duration possible = LeaderClaims.possibleOverlap(this.samples);
			Optional<Instant> takeover = becameLeader(to, fault.from());
			Optional<Instant> stepDown = this.tenures.stream()
				.filter((tenure) -> tenure.peer() == from && tenure.to().isAfter(fault.from()))
				.map(Tenure::to)
				.findFirst();
			System.out.printf(
					"CHAOS %s: fault->old leader %d steps down %s ms, fault->new leader %d %s ms (fault window %d ms);"
							+ " hand-overs (gap by since / by polls): %s; polls: overlap %d ms (bound %d ms), %d samples;"
							+ " %s; tenures %s%n",
					this.name, from, stepDown.map((at) -> String.valueOf(fault.millisUntil(at))).orElse("-"), to,
					takeover.map((at) -> String.valueOf(fault.millisUntil(at))).orElse("-"), fault.uncertaintyMillis(),
					handOvers(), certain.toMillis(), possible.toMillis(), this.samples.size(), extra,
					describe(this.tenures));
			if (to != 0) {
				assertThat(takeover).as("%s: peer %d became leader after the fault", this.name, to).isPresent();
			}
			if (sinceGap.isPresent()) {
				assertThat(sinceGap.get())
					.as("%s: smallest gap between two peers' tenures by their own timestamps (%s)", this.name,
							describe(this.tenures))
					.isPositive();
			}
			assertThat(this.samples.stream().filter(Sample::answered).map(Sample::peer).distinct())
				.as("%s: every peer answered polls", this.name)
				.hasSameSizeAs(this.histories.keySet());
			assertThat(certain).as("%s: two peers answered /leader as leader at once", this.name).isZero();
			return this;
		}

		/**
		 * Each change of leader between consecutive tenures: the gap by the peers' own
		 * timestamps and the gap the polls prove (negative: overlap, or too close for the
		 * polls to tell).
		 */
		private String handOvers() {
			List<String> handOvers = new ArrayList<>();
			for (int i = 1; i < this.tenures.size(); i++) {
				Tenure old = this.tenures.get(i - 1);
				Tenure next = this.tenures.get(i);
				if (old.peer() != next.peer()) {
					handOvers.add(old.peer() + "->" + next.peer() + " "
							+ Duration.between(old.to(), next.from()).toMillis() + " / "
							+ LeaderClaims.handOverGap(this.samples, old.peer(), next.peer())
								.map((gap) -> String.valueOf(gap.toMillis()))
								.orElse("-")
							+ " ms");
				}
			}
			return handOvers.isEmpty() ? "none" : String.join(", ", handOvers);
		}

		private static String describe(List<Tenure> tenures) {
			return tenures.stream()
				.map((tenure) -> tenure.peer() + "[" + tenure.from() + " .. " + tenure.to() + "]")
				.collect(Collectors.joining(", "));
		}

	}

}

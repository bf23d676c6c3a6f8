package io.bellwether.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.bellwether.testsupport.PeerApi.LeaderEvent;
import io.bellwether.testsupport.PeerApi.View;

/**
 * Who claimed leadership when, from two sources, and whether two peers ever did at once.
 * Pure: the chaos tests feed it what they collected.
 * <ul>
 * <li><b>Polls</b> ({@link Sample}): answers of {@code /leader}. An answer was computed
 * at some instant between the request's sending and the answer's arrival, so a run of
 * consecutive {@code self=true} answers surely covers [first answer received, last
 * request sent] and at most [first request sent, last answer received]. Requests that got
 * no answer (timeout, refused: a frozen or dead process) neither extend nor break a
 * run.</li>
 * <li><b>The peers' own timestamps</b> ({@link LeaderEvent}): each peer's leader changes
 * with the {@code since} it recorded, as {@code /events} replays them.</li>
 * </ul>
 * All instants are wall-clock; all peers run on one machine and share that clock.
 */
final class LeaderClaims {

	private LeaderClaims() {
	}

	/**
	 * Maximal runs of consecutive {@code self=true} answers, per peer, in time order.
	 * @param samples every sample, any order
	 * @return the runs, sorted by their first request
	 */
	static List<Run> runs(List<Sample> samples) {
		Map<Integer, List<Sample>> byPeer = new TreeMap<>();
		samples.stream()
			.filter(Sample::answered)
			.sorted(Comparator.comparing(Sample::sent))
			.forEach((sample) -> byPeer.computeIfAbsent(sample.peer(), (peer) -> new ArrayList<>()).add(sample));
		List<Run> runs = new ArrayList<>();
		byPeer.forEach((peer, answers) -> {
			Sample first = null;
			Sample last = null;
			for (Sample sample : answers) {
				if (sample.claims()) {
					first = (first != null) ? first : sample;
					last = sample;
				}
				else if (first != null) {
					runs.add(new Run(peer, first, last));
					first = null;
				}
			}
			if (first != null) {
				runs.add(new Run(peer, first, last));
			}
		});
		runs.sort(Comparator.comparing((Run run) -> run.first().sent()));
		return runs;
	}

	/**
	 * The longest time two different peers surely both claimed leadership by the polls.
	 * @param samples every sample
	 * @return the worst overlap, {@link Duration#ZERO} when there is none
	 */
	static Duration certainOverlap(List<Sample> samples) {
		return worst(runs(samples), (a, b) -> between(later(a.first().received(), b.first().received()),
				earlier(a.last().sent(), b.last().sent())));
	}

	/**
	 * The longest time two different peers may both have claimed leadership by the polls
	 * (an upper bound: HTTP latency counts towards it).
	 * @param samples every sample
	 * @return the worst possible overlap, {@link Duration#ZERO} when there is none
	 */
	static Duration possibleOverlap(List<Sample> samples) {
		return worst(runs(samples), (a, b) -> between(later(a.first().sent(), b.first().sent()),
				earlier(a.last().received(), b.last().received())));
	}

	/**
	 * The gap the polls prove between the last claim of {@code from} and the first claim
	 * of {@code to} after it: the first request that {@code to} answered as leader was
	 * sent this long after {@code from}'s last such answer arrived (negative: the polls
	 * cannot tell the two apart or they overlapped).
	 * @param samples every sample
	 * @param from the old leader
	 * @param to the new leader
	 * @return the gap, empty when there was no such hand-over in the samples
	 */
	static Optional<Duration> handOverGap(List<Sample> samples, int from, int to) {
		List<Run> runs = runs(samples);
		for (Run next : runs) {
			if (next.peer() != to) {
				continue;
			}
			Optional<Run> previous = runs.stream()
				.filter((run) -> run.peer() == from && run.first().sent().isBefore(next.first().sent()))
				.reduce((a, b) -> b);
			if (previous.isPresent()) {
				return Optional.of(Duration.between(previous.get().last().received(), next.first().sent()));
			}
		}
		return Optional.empty();
	}

	/**
	 * A peer's tenures as leader by its own timestamps: from the {@code since} of a
	 * change that made it leader to the {@code since} of the next change of its own view.
	 * @param peer the peer
	 * @param events its leader changes (any order)
	 * @param from where the record starts: a tenure already running then starts here
	 * @param to where it ends: a tenure still running then ends here
	 * @return its tenures in order
	 */
	static List<Tenure> tenures(int peer, List<LeaderEvent> events, Instant from, Instant to) {
		List<LeaderEvent> sorted = events.stream()
			.filter((event) -> event.peer() == peer)
			.sorted(Comparator.comparing(LeaderEvent::at))
			.toList();
		List<Tenure> tenures = new ArrayList<>();
		Instant start = (!sorted.isEmpty() && sorted.get(0).previousLeaderId() == peer) ? from : null;
		for (LeaderEvent event : sorted) {
			boolean leads = event.leaderId() == peer;
			if (leads && start == null) {
				start = event.at();
			}
			else if (!leads && start != null) {
				tenures.add(new Tenure(peer, start, event.at()));
				start = null;
			}
		}
		if (start != null) {
			tenures.add(new Tenure(peer, start, to));
		}
		return tenures;
	}

	/**
	 * The closest two tenures of different peers come by their own timestamps: positive
	 * is the smallest gap between one leader's end and another's start; zero or negative
	 * means one started before (or at the very instant) the other ended.
	 * @param tenures tenures of several peers
	 * @return the smallest gap, empty with fewer than two tenures of different peers
	 */
	static Optional<Duration> smallestGap(List<Tenure> tenures) {
		Duration smallest = null;
		for (Tenure a : tenures) {
			for (Tenure b : tenures) {
				if (a.peer() >= b.peer()) {
					continue;
				}
				// the gap between the two: negative when they overlap
				Duration gap = Duration.between(earlier(a.to(), b.to()), later(a.from(), b.from()));
				smallest = (smallest == null || gap.compareTo(smallest) < 0) ? gap : smallest;
			}
		}
		return Optional.ofNullable(smallest);
	}

	private static Duration worst(List<Run> runs, Overlapping overlapping) {
		Duration worst = Duration.ZERO;
		for (Run a : runs) {
			for (Run b : runs) {
				if (a.peer() < b.peer()) {
					Duration overlap = overlapping.of(a, b);
					worst = (overlap.compareTo(worst) > 0) ? overlap : worst;
				}
			}
		}
		return worst;
	}

	private static Duration between(Instant from, Instant to) {
		return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant earlier(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	@FunctionalInterface
	private interface Overlapping {

		Duration of(Run a, Run b);

	}

	/**
	 * One answer of a peer's {@code /leader}.
	 *
	 * @param peer the peer asked
	 * @param sent when the request left
	 * @param received when the answer arrived (or the request failed)
	 * @param leaderId the leader it named, {@link View#NONE} for none (503),
	 * {@link View#NO_ANSWER} for no answer
	 * @param term the term it showed
	 */
	record Sample(int peer, Instant sent, Instant received, int leaderId, long term) {

		boolean answered() {
			return this.leaderId != View.NO_ANSWER;
		}

		boolean claims() {
			return this.leaderId == this.peer;
		}

	}

	/**
	 * Consecutive answers of one peer naming itself leader.
	 *
	 * @param peer the peer
	 * @param first its first such answer
	 * @param last its last such answer
	 */
	record Run(int peer, Sample first, Sample last) {
	}

	/**
	 * A time a peer led, by its own timestamps.
	 *
	 * @param peer the peer
	 * @param from when it became leader
	 * @param to when it stopped being leader
	 */
	record Tenure(int peer, Instant from, Instant to) {
	}

}

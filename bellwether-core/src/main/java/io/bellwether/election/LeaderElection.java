package io.bellwether.election;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.bellwether.config.QuorumMode;
import io.bellwether.membership.Member;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.protocol.PeerView;

/**
 * The election rule, a pure function of the membership view: the lowest ALIVE id leads,
 * this peer included.
 * <ul>
 * <li>No leader while this peer is still discovering the group right after start.</li>
 * <li>With {@link QuorumMode#MAJORITY}, no leader unless this peer hears a strict
 * majority itself (itself included): a peer known only by hearsay (reported alive by
 * another) may be elected, but never counts towards the quorum, so a minority side cannot
 * name a leader from reports of the other side.</li>
 * <li>Rejoin hold: when a live leader exists (the one this peer follows, or one an alive
 * peer claims to be), a lower id that has just come back takes over only after it has
 * been alive for {@code rejoinHold}. A hold of zero is the plain lowest-live-id
 * rule.</li>
 * </ul>
 */
public final class LeaderElection {

	private static final int MAX_DOUBLINGS = 4;

	private final QuorumMode quorum;

	private final Duration rejoinHold;

	private final boolean sticky;

	public LeaderElection(QuorumMode quorum, Duration rejoinHold) {
		this(quorum, rejoinHold, false);
	}

	public LeaderElection(QuorumMode quorum, Duration rejoinHold, boolean sticky) {
		this.quorum = quorum;
		this.rejoinHold = rejoinHold;
		this.sticky = sticky;
	}

	/**
	 * Applies the rule.
	 * @param view the membership view
	 * @param current the leader this peer follows now ({@link PeerView#NO_LEADER} if
	 * none)
	 * @param currentTerm the term of this peer's current leader
	 * @return the leader to follow, or why there is none
	 */
	public Decision decide(MembershipSnapshot view, int current, long currentTerm) {
		if (view.discovering()) {
			return Decision.none("discovering the group after start-up");
		}
		List<Member> alive = view.electable();
		int heard = view.alive().size();
		if (!this.quorum.allowsLeader(heard, view.groupSize())) {
			return Decision.none("no quorum: " + heard + " of " + view.groupSize() + " peers alive, a majority needs "
					+ (view.groupSize() / 2 + 1));
		}
		Member lowest = alive.get(0);
		Optional<Member> incumbent = incumbent(alive, current, currentTerm);
		if (incumbent.isEmpty() || incumbent.get().id() == lowest.id()) {
			return Decision.leader(lowest.id());
		}
		if (this.sticky) {
			return Decision.leader(incumbent.get().id());
		}
		if (this.rejoinHold.isZero()) {
			return Decision.leader(lowest.id());
		}
		Instant since = lowest.self() ? later(sinceOrNow(lowest, view), sinceOrNow(incumbent.get(), view))
				: sinceOrNow(lowest, view);
		if (!view.at().isBefore(since.plus(holdFor(lowest)))) {
			return Decision.leader(lowest.id());
		}
		return Decision.leader(incumbent.get().id());
	}

	/**
	 * The rejoin hold for a returning member, doubled for every further failure it had
	 * lately (up to 16 times), so that a peer that keeps failing and coming back cannot
	 * trigger an election each time.
	 */
	Duration holdFor(Member candidate) {
		int doublings = Math.min(Math.max(candidate.recentFailures() - 1, 0), MAX_DOUBLINGS);
		return this.rejoinHold.multipliedBy(1L << doublings);
	}

	/** When a member became alive; a member alive only by report counts as just now. */
	private static Instant sinceOrNow(Member member, MembershipSnapshot view) {
		return (member.aliveSince() != null) ? member.aliveSince() : view.at();
	}

	/**
	 * The live leader to compare a returning lower id against: the alive peer claiming
	 * leadership with the highest term (this peer counts if it leads), else the leader
	 * this peer follows if it is alive.
	 */
	private static Optional<Member> incumbent(List<Member> alive, int current, long currentTerm) {
		Comparator<Member> byClaim = Comparator
			.comparingLong((Member member) -> member.self() ? currentTerm : member.view().term())
			.reversed()
			.thenComparingInt(Member::id);
		Optional<Member> claimed = alive.stream()
			.filter((member) -> (member.alive() && member.claimsLeadership())
					|| (member.self() && member.id() == current))
			.min(byClaim);
		if (claimed.isPresent()) {
			return claimed;
		}
		return alive.stream().filter((member) -> member.id() == current).findFirst();
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	/**
	 * Outcome of the rule.
	 *
	 * @param leaderId the leader, {@link PeerView#NO_LEADER} if none
	 * @param reason why there is no leader ({@code null} when there is one)
	 */
	public record Decision(int leaderId, String reason) {

		static Decision leader(int id) {
			return new Decision(id, null);
		}

		static Decision none(String reason) {
			return new Decision(PeerView.NO_LEADER, reason);
		}

		public boolean hasLeader() {
			return this.leaderId != PeerView.NO_LEADER;
		}

	}

}

package io.bellwether.election;

import java.util.Optional;

import io.bellwether.membership.Member;
import io.bellwether.membership.MembershipSnapshot;
import lombok.extern.slf4j.Slf4j;

/**
 * Applies the {@link LeaderElection rule} to successive membership views and keeps terms:
 * <ul>
 * <li>a peer that becomes leader takes the highest term it has seen claimed plus
 * one;</li>
 * <li>a follower shows the term its leader announces (until the leader's first
 * announcement it shows the term that leader will take);</li>
 * <li>a leader that sees another live peer claim a term at least as high as its own moves
 * above it, so two leaders never share a term; a leader whose followers already show a
 * higher term for it takes that term;</li>
 * <li>a term shown never goes down while the leader stays the same.</li>
 * </ul>
 * Pure and single-threaded: the caller serialises calls.
 */
@Slf4j
final class LeaderTracker {

	private final int selfId;

	private final LeaderElection rule;

	private Leadership current;

	LeaderTracker(int selfId, LeaderElection rule, Leadership initial) {
		this.selfId = selfId;
		this.rule = rule;
		this.current = initial;
	}

	Leadership current() {
		return this.current;
	}

	LeaderElection rule() {
		return this.rule;
	}

	/**
	 * Re-evaluates the leader for a new view.
	 * @param view the membership view
	 * @return the change of leader, if the leader changed
	 */
	Optional<LeaderChangedEvent> update(MembershipSnapshot view) {
		return update(view, this.rule.decide(view, this.current.leaderId(), this.current.term()));
	}

	/**
	 * Re-evaluates the leader for a new view with a decision already taken.
	 * @param view the membership view
	 * @param decision the leader to follow (the rule's, or what a promise to the previous
	 * leader still requires)
	 * @return the change of leader, if the leader changed
	 */
	Optional<LeaderChangedEvent> update(MembershipSnapshot view, LeaderElection.Decision decision) {
		Leadership previous = this.current;
		if (decision.leaderId() != previous.leaderId()) {
			long term = decision.hasLeader() ? termOf(decision.leaderId(), view, previous) : previous.term();
			this.current = new Leadership(decision.leaderId(), term, view.at(), decision.reason());
			return Optional.of(new LeaderChangedEvent(this.selfId, previous, this.current));
		}
		if (decision.hasLeader()) {
			long term = adjustedTerm(view);
			if (term != previous.term()) {
				log.info("leader {} term {} -> {}", previous.leaderId(), previous.term(), term);
				this.current = previous.withTerm(term);
			}
		}
		else if (!decision.reason().equals(previous.reason())) {
			this.current = previous.withReason(decision.reason());
		}
		return Optional.empty();
	}

	private long termOf(int leaderId, MembershipSnapshot view, Leadership previous) {
		if (leaderId != this.selfId) {
			Optional<Member> leader = view.member(leaderId).filter(Member::claimsLeadership);
			if (leader.isPresent()) {
				long claimed = leader.get().view().term();
				long others = Math.max(previous.term(), highestOtherClaim(view, leaderId));
				// a claim older than what we know will be raised by the leader itself;
				// show where it goes
				return (claimed > others) ? claimed : others + 1;
			}
		}
		return Math.max(previous.term(), view.highestClaimedTerm()) + 1;
	}

	private long adjustedTerm(MembershipSnapshot view) {
		long term = this.current.term();
		if (this.current.leaderId() == this.selfId) {
			long rival = highestOtherClaim(view, this.selfId);
			long followers = view.alive()
				.stream()
				.filter((member) -> !member.self() && member.view().leaderId() == this.selfId)
				.mapToLong((member) -> member.view().term())
				.max()
				.orElse(-1);
			// above any rival claim; and where followers already expect us (never lower)
			return Math.max((rival >= term) ? rival + 1 : term, followers);
		}
		long claimed = view.member(this.current.leaderId())
			.filter(Member::claimsLeadership)
			.map((leader) -> leader.view().term())
			.orElse(term);
		return Math.max(claimed, term);
	}

	/**
	 * Highest term claimed by an alive peer leading in its own view, other than
	 * {@code leaderId}.
	 */
	private static long highestOtherClaim(MembershipSnapshot view, int leaderId) {
		return view.alive()
			.stream()
			.filter((member) -> member.claimsLeadership() && member.id() != leaderId)
			.mapToLong((member) -> member.view().term())
			.max()
			.orElse(-1);
	}

}

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
 * above it, so two leaders never share a term.</li>
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

	/**
	 * Re-evaluates the leader for a new view.
	 * @param view the membership view
	 * @return the change of leader, if the leader changed
	 */
	Optional<LeaderChangedEvent> update(MembershipSnapshot view) {
		LeaderElection.Decision decision = this.rule.decide(view, this.current.leaderId(), this.current.term());
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
		long known = Math.max(previous.term(), view.highestClaimedTerm());
		if (leaderId != this.selfId) {
			Optional<Member> leader = view.member(leaderId).filter(Member::claimsLeadership);
			if (leader.isPresent()) {
				return leader.get().view().term();
			}
		}
		return known + 1;
	}

	private long adjustedTerm(MembershipSnapshot view) {
		long term = this.current.term();
		if (this.current.leaderId() == this.selfId) {
			long rival = view.alive()
				.stream()
				.filter(Member::claimsLeadership)
				.mapToLong((member) -> member.view().term())
				.max()
				.orElse(-1);
			return (rival >= term) ? rival + 1 : term;
		}
		return view.member(this.current.leaderId())
			.filter(Member::claimsLeadership)
			.map((leader) -> leader.view().term())
			.orElse(term);
	}

}

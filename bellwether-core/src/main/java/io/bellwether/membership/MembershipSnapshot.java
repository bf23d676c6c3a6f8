package io.bellwether.membership;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The membership view at one instant: every configured member, sorted by id.
 *
 * @param selfId id of this peer
 * @param members all configured members, this peer included, sorted by id
 * @param at when the snapshot was taken
 * @param discovering whether this peer has just started and is still waiting to hear from
 * the others (at most one heartbeat timeout) before it names a leader
 * @param highestClaimedTerm the highest term any peer claimed while naming itself leader
 */
public record MembershipSnapshot(int selfId, List<Member> members, Instant at, boolean discovering,
		long highestClaimedTerm) {

	public MembershipSnapshot {
		members = List.copyOf(members);
	}

	public List<Member> alive() {
		return this.members.stream().filter(Member::alive).toList();
	}

	/**
	 * The members the election may count as alive: those this peer hears directly, plus
	 * those it has lost only to silence (or never heard) while a peer it does hear
	 * reports them alive in its latest frame. Sharing views this way keeps peers in
	 * agreement when a link fails in one direction or a partition is partial. A member
	 * seen to crash or leave is never brought back by hearsay; reports are always
	 * first-hand (frames carry only the sender's direct view), so a dead peer cannot be
	 * kept alive by rumour.
	 * @return electable members, sorted by id
	 */
	public List<Member> electable() {
		List<Member> direct = alive();
		return this.members.stream()
			.filter((member) -> member.alive() || (member.cause() != FailureCause.CONNECTION_LOST
					&& member.cause() != FailureCause.LEAVE && reportedAlive(member.id(), direct)))
			.toList();
	}

	private static boolean reportedAlive(int id, List<Member> direct) {
		return direct.stream().anyMatch((reporter) -> !reporter.self() && reporter.view().alive().contains(id));
	}

	public List<Integer> aliveIds() {
		return this.members.stream().filter(Member::alive).map(Member::id).toList();
	}

	public int groupSize() {
		return this.members.size();
	}

	public Optional<Member> member(int id) {
		return this.members.stream().filter((member) -> member.id() == id).findFirst();
	}

}

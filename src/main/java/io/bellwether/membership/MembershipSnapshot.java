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

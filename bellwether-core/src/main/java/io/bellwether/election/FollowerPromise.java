package io.bellwether.election;

import io.bellwether.membership.Member;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.protocol.PeerView;

/**
 * The follower's side of the leader lease (majority mode). Every frame this peer sends
 * while it names a leader tells that leader, through the echo, which of its claims this
 * peer accepted, and so promises: until a whole {@code timeout} after the latest frame
 * accepted from that leader, this peer names no other leader (itself included), unless
 * the leader released it:
 * <ul>
 * <li>its latest frame no longer claims leadership (it stepped down, and its lease ended
 * with the claim);</li>
 * <li>it is DEAD: silent for a whole timeout (exactly when the promise runs out), LEAVE,
 * or the crash fast path (its host refused or reset our reconnect: a dead process holds
 * no lease).</li>
 * </ul>
 * While the promise holds, this peer keeps following that leader even if the election
 * would name another one (e.g. a lower id that just returned: the leader itself steps
 * down first). Naming no leader is always allowed. Pure and single-threaded.
 */
final class FollowerPromise {

	private final int selfId;

	private int holder = PeerView.NO_LEADER;

	FollowerPromise(int selfId) {
		this.selfId = selfId;
	}

	/**
	 * This peer names {@code leaderId} now.
	 * @param leaderId the leader, {@link PeerView#NO_LEADER} if none (keeps the promise
	 * to the previous one)
	 */
	void following(int leaderId) {
		if (leaderId != PeerView.NO_LEADER) {
			this.holder = leaderId;
		}
	}

	/**
	 * The leader this peer last named (and may owe its promise).
	 * @return its id, {@link PeerView#NO_LEADER} if none yet
	 */
	int holder() {
		return this.holder;
	}

	/**
	 * Whether this peer may name {@code candidate} now.
	 * @param candidate the leader the election names
	 * @param view the membership view
	 * @return whether the promise to the previous leader allows it
	 */
	boolean allows(int candidate, MembershipSnapshot view) {
		if (candidate == PeerView.NO_LEADER || candidate == this.holder || this.holder == PeerView.NO_LEADER
				|| this.holder == this.selfId) {
			return true;
		}
		Member previous = view.member(this.holder).orElse(null);
		return previous == null || !previous.alive() || !previous.claimsLeadership();
	}

}

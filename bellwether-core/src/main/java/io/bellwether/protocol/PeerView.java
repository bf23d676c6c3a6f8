package io.bellwether.protocol;

import java.util.List;

/**
 * What the sender of a frame believes: the leader it follows ({@link #NO_LEADER} for
 * none), that leader's term, and the ids it currently sees alive (itself included),
 * ascending. Peer ids are non-negative; {@link #NO_LEADER} is -1, outside their range, so
 * "no leader" can never be mistaken for peer 0.
 *
 * @param leaderId the leader the sender follows, {@link #NO_LEADER} if none
 * @param term the term of that leader (the sender's own term if it leads)
 * @param alive ids the sender sees alive, ascending
 */
public record PeerView(int leaderId, long term, List<Integer> alive) {

	/**
	 * Leader id meaning "no leader": -1, outside the range of peer ids (which are
	 * non-negative, 0 included). Test with {@link #hasLeader()} or compare with this
	 * constant; never test an id for zero.
	 */
	public static final int NO_LEADER = -1;

	/** A view that says nothing: no leader, term 0, nobody alive. */
	public static final PeerView EMPTY = new PeerView(NO_LEADER, 0, List.of());

	public PeerView {
		if (leaderId < NO_LEADER || term < 0) {
			throw new IllegalArgumentException(
					"leader id must be a peer id or NO_LEADER, term must not be negative: " + leaderId + ", " + term);
		}
		alive = List.copyOf(alive);
		int previous = -1;
		for (int id : alive) {
			if (id <= previous) {
				throw new IllegalArgumentException("alive ids must be non-negative and ascending: " + alive);
			}
			previous = id;
		}
	}

	/**
	 * Whether the sender follows a leader.
	 * @return whether {@link #leaderId()} names a peer
	 */
	public boolean hasLeader() {
		return this.leaderId != NO_LEADER;
	}

	/**
	 * Whether the sender with this id claims to lead.
	 * @param senderId the sender of the frame carrying this view
	 * @return whether the sender names itself leader
	 */
	public boolean claimsLeadership(int senderId) {
		return this.leaderId == senderId;
	}

}

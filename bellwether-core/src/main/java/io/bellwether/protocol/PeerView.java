package io.bellwether.protocol;

import java.util.List;

/**
 * What the sender of a frame believes: the leader it follows (0 for none), that leader's
 * term, and the ids it currently sees alive (itself included), ascending.
 *
 * @param leaderId the leader the sender follows, {@link #NO_LEADER} if none
 * @param term the term of that leader (the sender's own term if it leads)
 * @param alive ids the sender sees alive, ascending
 */
public record PeerView(int leaderId, long term, List<Integer> alive) {

	/** Leader id meaning "no leader". Peer ids are positive. */
	public static final int NO_LEADER = 0;

	/** A view that says nothing: no leader, term 0, nobody alive. */
	public static final PeerView EMPTY = new PeerView(NO_LEADER, 0, List.of());

	public PeerView {
		if (leaderId < 0 || term < 0) {
			throw new IllegalArgumentException("leader id and term must not be negative");
		}
		alive = List.copyOf(alive);
		int previous = 0;
		for (int id : alive) {
			if (id <= previous) {
				throw new IllegalArgumentException("alive ids must be positive and ascending: " + alive);
			}
			previous = id;
		}
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

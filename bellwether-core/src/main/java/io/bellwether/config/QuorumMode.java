package io.bellwether.config;

/**
 * Whether a peer needs to see a majority of the group alive before it names a leader.
 */
public enum QuorumMode {

	/** Lowest live id leads on every side of a partition (available, may split). */
	NONE,

	/**
	 * A leader is named only while a strict majority of the configured group is alive.
	 */
	MAJORITY;

	/**
	 * Whether {@code alive} peers out of {@code groupSize} are enough to name a leader.
	 * @param alive peers alive, this one included
	 * @param groupSize configured peers, this one included
	 * @return whether a leader may be named
	 */
	public boolean allowsLeader(int alive, int groupSize) {
		return this == NONE || alive * 2 > groupSize;
	}

}

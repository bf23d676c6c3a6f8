package io.bellwether.membership;

/**
 * Whether a peer is considered alive.
 */
public enum PeerStatus {

	/** Frames from the peer are arriving. */
	ALIVE,

	/** The peer is silent, crashed, left, or has never been heard from. */
	DEAD

}

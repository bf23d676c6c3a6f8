package io.bellwether.election;

import java.time.Instant;

import io.bellwether.protocol.PeerView;

/**
 * The leader this peer follows, as an immutable value.
 *
 * @param leaderId the leader, {@link PeerView#NO_LEADER} if none
 * @param term the leader's term (the last known term while there is no leader)
 * @param since when this peer started following this leader (or lost its leader)
 * @param reason why there is no leader ({@code null} while there is one)
 */
public record Leadership(int leaderId, long term, Instant since, String reason) {

	public static Leadership initial(Instant at) {
		return new Leadership(PeerView.NO_LEADER, 0, at, "discovering the group after start-up");
	}

	public boolean hasLeader() {
		return this.leaderId != PeerView.NO_LEADER;
	}

	Leadership withTerm(long newTerm) {
		return new Leadership(this.leaderId, newTerm, this.since, this.reason);
	}

	Leadership withReason(String newReason) {
		return new Leadership(this.leaderId, this.term, this.since, newReason);
	}

}

package io.bellwether.election;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.bellwether.config.PeerAddress;
import io.bellwether.membership.FailureCause;
import io.bellwether.membership.Member;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.membership.PeerStatus;
import io.bellwether.protocol.PeerView;

/**
 * Builds membership snapshots for the election tests: {@code Views.of(self, size, at)}
 * then mark peers alive (with when they became alive) and what they claim.
 */
final class Views {

	static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

	private final int selfId;

	private final Instant at;

	private final List<Member> members = new ArrayList<>();

	private boolean discovering;

	private long highestClaimedTerm;

	private final int first;

	private Views(int first, int selfId, int size, Instant at) {
		this.first = first;
		this.selfId = selfId;
		this.at = at;
		for (int id = first; id < first + size; id++) {
			boolean self = id == selfId;
			this.members.add(new Member(new PeerAddress(id, "127.0.0.1", 7000 + id), self,
					self ? PeerStatus.ALIVE : PeerStatus.DEAD, 1, null, self ? T0 : null, PeerView.EMPTY, null));
		}
	}

	/**
	 * A group of {@code size} where only self is alive (since T0), seen at {@code at}.
	 */
	static Views of(int selfId, int size, Instant at) {
		return new Views(1, selfId, size, at);
	}

	/**
	 * A group of {@code size} numbered from 0, as the seed numbers its peers, where only
	 * self is alive (since T0), seen at {@code at}.
	 */
	static Views fromZero(int selfId, int size, Instant at) {
		return new Views(0, selfId, size, at);
	}

	private int index(int id) {
		return id - this.first;
	}

	Views alive(int id, Instant since) {
		return replace(id, since, PeerView.EMPTY);
	}

	Views alive(int... ids) {
		for (int id : ids) {
			alive(id, T0);
		}
		return this;
	}

	/**
	 * Peer {@code id} is alive since {@code since} and names {@code leader} with
	 * {@code term}.
	 */
	Views says(int id, Instant since, int leader, long term) {
		if (leader == id) {
			this.highestClaimedTerm = Math.max(this.highestClaimedTerm, term);
		}
		return replace(id, since, new PeerView(leader, term, List.of()));
	}

	/** Peer {@code id} is alive since T0 and reports {@code alive} as what it sees. */
	Views reports(int id, int... alive) {
		return replace(id, T0,
				new PeerView(PeerView.NO_LEADER, 0, java.util.Arrays.stream(alive).boxed().sorted().toList()));
	}

	/** Peer {@code id} is DEAD for {@code cause}. */
	Views dead(int id, FailureCause cause) {
		Member old = this.members.get(index(id));
		this.members.set(index(id),
				new Member(old.address(), false, PeerStatus.DEAD, 1, T0, null, PeerView.EMPTY, cause));
		return this;
	}

	/**
	 * Peer {@code id} is alive since {@code since} after {@code failures} recent
	 * failures.
	 */
	Views flapping(int id, Instant since, int failures) {
		Member old = this.members.get(index(id));
		this.members.set(index(id),
				new Member(old.address(), false, PeerStatus.ALIVE, 1, this.at, since, PeerView.EMPTY, null, failures));
		return this;
	}

	Views discovering() {
		this.discovering = true;
		return this;
	}

	Views selfSince(Instant since) {
		Member self = this.members.get(index(this.selfId));
		this.members.set(index(this.selfId),
				new Member(self.address(), true, PeerStatus.ALIVE, 0, null, since, PeerView.EMPTY, null));
		return this;
	}

	private Views replace(int id, Instant since, PeerView view) {
		Member old = this.members.get(index(id));
		this.members.set(index(id), new Member(old.address(), false, PeerStatus.ALIVE, 1, this.at, since, view, null));
		return this;
	}

	MembershipSnapshot build() {
		return new MembershipSnapshot(this.selfId, this.members, this.at, this.discovering, this.highestClaimedTerm);
	}

}

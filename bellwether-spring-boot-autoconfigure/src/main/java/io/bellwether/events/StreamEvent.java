package io.bellwether.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.bellwether.election.LeaderChangedEvent;
import io.bellwether.election.Leadership;
import io.bellwether.membership.FailureCause;
import io.bellwether.membership.Member;
import io.bellwether.membership.MembershipChange;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.membership.PeerStatus;
import io.bellwether.protocol.PeerView;

/**
 * What {@code /events} sends: each kind has an event name on the wire and a record that
 * becomes its JSON data. A leader id is JSON {@code null} when there is no leader (peer
 * ids start at 0, so no number could mean "none").
 */
sealed interface StreamEvent {

	/**
	 * A leader id for JSON.
	 * @param leaderId a leader id or {@link PeerView#NO_LEADER}
	 * @return the id, {@code null} for no leader
	 */
	static Integer leaderOrNull(int leaderId) {
		return (leaderId != PeerView.NO_LEADER) ? leaderId : null;
	}

	/**
	 * The SSE event name.
	 * @return the name of this kind of event
	 */
	String name();

	/**
	 * When it happened (or was taken).
	 * @return the time of the event
	 */
	Instant at();

	/**
	 * The whole picture, sent first on every connect.
	 *
	 * @param selfId the peer serving the stream
	 * @param at when the snapshot was taken
	 * @param leader the leader this peer follows
	 * @param peers every configured peer, this one included, sorted by id
	 * @param recent the latest membership and leader changes, oldest first
	 * @param heartbeatMillis how often {@code heartbeat} events come
	 */
	record Snapshot(int selfId, Instant at, LeaderState leader, List<PeerState> peers, List<Recent> recent,
			long heartbeatMillis) implements StreamEvent {

		@Override
		public String name() {
			return "snapshot";
		}

	}

	/**
	 * A peer became ALIVE or DEAD.
	 *
	 * @param peerId the peer
	 * @param status its new status
	 * @param cause why it is DEAD ({@code null} when ALIVE)
	 * @param incarnation its incarnation
	 * @param at when the change was detected
	 * @param text the log line of the change
	 */
	record Membership(int peerId, PeerStatus status, FailureCause cause, long incarnation, Instant at,
			String text) implements StreamEvent {

		static Membership of(MembershipChange change) {
			return new Membership(change.peerId(), change.status(), change.cause(), change.incarnation(), change.at(),
					change.describe());
		}

		@Override
		public String name() {
			return "membership";
		}

	}

	/**
	 * The leader this peer follows changed.
	 *
	 * @param previousLeaderId the old leader ({@code null}: none)
	 * @param previousTerm the old term
	 * @param leaderId the new leader ({@code null}: none)
	 * @param term the new term
	 * @param at when the change happened
	 * @param reason why there is no leader ({@code null} when there is one)
	 * @param text the log line of the change
	 */
	record Leader(Integer previousLeaderId, long previousTerm, Integer leaderId, long term, Instant at, String reason,
			String text) implements StreamEvent {

		static Leader of(LeaderChangedEvent change) {
			Leadership previous = change.previous();
			Leadership current = change.current();
			return new Leader(leaderOrNull(previous.leaderId()), previous.term(), leaderOrNull(current.leaderId()),
					current.term(), current.since(), current.reason(), change.describe());
		}

		@Override
		public String name() {
			return "leader";
		}

	}

	/**
	 * Sent when the stream has been quiet for a heartbeat interval: keeps proxies from
	 * closing it and carries fresh last-seen ages.
	 *
	 * @param at when it was sent
	 * @param leaderId the leader this peer follows ({@code null}: none)
	 * @param term its term
	 * @param peers ages and views of every peer
	 */
	record Heartbeat(Instant at, Integer leaderId, long term, List<PeerPulse> peers) implements StreamEvent {

		static Heartbeat of(MembershipSnapshot view, Leadership leadership) {
			return new Heartbeat(view.at(), leaderOrNull(leadership.leaderId()), leadership.term(),
					view.members().stream().map((member) -> PeerPulse.of(member, view.at(), leadership)).toList());
		}

		@Override
		public String name() {
			return "heartbeat";
		}

	}

	/**
	 * The leader this peer follows.
	 *
	 * @param leaderId the leader ({@code null}: none)
	 * @param term its term
	 * @param since since when this peer follows it
	 * @param reason why there is no leader ({@code null} when there is one)
	 */
	record LeaderState(Integer leaderId, long term, Instant since, String reason) {

		static LeaderState of(Leadership leadership) {
			return new LeaderState(leaderOrNull(leadership.leaderId()), leadership.term(), leadership.since(),
					leadership.reason());
		}

	}

	/**
	 * One peer as this peer sees it.
	 *
	 * @param id its id
	 * @param host where it listens for heartbeats
	 * @param port its heartbeat port
	 * @param self whether it is the peer serving the stream
	 * @param status ALIVE or DEAD
	 * @param cause why it is DEAD ({@code null} while ALIVE or never seen)
	 * @param leader whether this peer follows it as leader
	 * @param lastSeenMillisAgo age of its last frame ({@code null} for self or never
	 * seen)
	 * @param incarnation its latest incarnation (0: never heard from)
	 * @param follows the leader it said it follows in its last frame ({@code null}: none,
	 * or never heard from)
	 * @param term the term it said in its last frame
	 */
	record PeerState(int id, String host, int port, boolean self, PeerStatus status, FailureCause cause, boolean leader,
			Long lastSeenMillisAgo, long incarnation, Integer follows, long term) {

		static PeerState of(Member member, Instant now, Leadership leadership) {
			PeerPulse pulse = PeerPulse.of(member, now, leadership);
			return new PeerState(member.id(), member.address().host(), member.address().port(), member.self(),
					member.status(), member.cause(), member.id() == leadership.leaderId(), pulse.lastSeenMillisAgo(),
					member.incarnation(), pulse.follows(), pulse.term());
		}

	}

	/**
	 * What changes about a peer between events.
	 *
	 * @param id its id
	 * @param lastSeenMillisAgo age of its last frame ({@code null} for self or never
	 * seen)
	 * @param follows the leader it follows ({@code null}: none)
	 * @param term its term
	 */
	record PeerPulse(int id, Long lastSeenMillisAgo, Integer follows, long term) {

		static PeerPulse of(Member member, Instant now, Leadership leadership) {
			Duration ago = member.lastSeenAgo(now);
			if (member.self()) {
				return new PeerPulse(member.id(), null, leaderOrNull(leadership.leaderId()), leadership.term());
			}
			return new PeerPulse(member.id(), (ago != null) ? ago.toMillis() : null,
					leaderOrNull(member.view().leaderId()), member.view().term());
		}

	}

	/**
	 * A past change, for the snapshot's timeline.
	 *
	 * @param event its event name ({@code membership} or {@code leader})
	 * @param data the event
	 */
	record Recent(String event, StreamEvent data) {

		static Recent of(StreamEvent event) {
			return new Recent(event.name(), event);
		}

	}

}

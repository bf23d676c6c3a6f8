package io.bellwether.election;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.bellwether.config.QuorumMode;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.FrameType;
import io.bellwether.protocol.PeerView;
import io.bellwether.testsupport.MutableClock;
import io.bellwether.testsupport.Peers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core of peer 1 in a majority group of three, driven by hand on a fake clock: the
 * lease is granted on a follower's echo, is answered from the clock when asked, and the
 * revocation is delivered at the next tick.
 */
class ClusterCoreTests {

	private final MutableClock clock = new MutableClock();

	private final List<LeaderChangedEvent> changes = new ArrayList<>();

	private final List<Integer> sentTo = new ArrayList<>();

	private final ClusterCore core = new ClusterCore(Peers.group(1, 3, QuorumMode.MAJORITY, Duration.ZERO), this.clock,
			100, new ClusterListener() {

				@Override
				public void leaderChanged(LeaderChangedEvent change) {
					ClusterCoreTests.this.changes.add(change);
				}

			});

	private long sequence;

	ClusterCoreTests() {
		this.core.attach(new PeerTransport() {

			@Override
			public void sendNow(int peerId) {
				ClusterCoreTests.this.sentTo.add(peerId);
			}

			@Override
			public void sendNowToAll() {
				ClusterCoreTests.this.sentTo.add(0);
			}

		});
		this.core.start();
	}

	@Test
	void leaderOnlyWhileAMajorityConfirmedItAndAnsweredFromTheClock() {
		this.clock.advanceMillis(1990);
		hear(2, PeerView.NO_LEADER, 0, 0);
		hear(3, PeerView.NO_LEADER, 0, 0);
		assertThat(this.core.currentView().leaderId()).as("discovering for a whole timeout")
			.isEqualTo(PeerView.NO_LEADER);
		this.clock.advanceMillis(10);
		this.core.tick();
		assertThat(this.core.currentView().leaderId()).as("claims after discovery").isEqualTo(1);
		assertThat(this.core.isLeader()).as("but no follower has confirmed the claim yet").isFalse();
		assertThat(this.core.leadership().reason()).isEqualTo(ClusterCore.AWAITING_LEASE);

		Frame claim = this.core.frame(FrameType.HEARTBEAT, 2);
		assertThat(claim.view().leaderId()).isEqualTo(1);
		hear(2, 1, this.core.currentView().term(), claim.sentAt());
		assertThat(this.core.isLeader()).isTrue();
		assertThat(this.changes).last().satisfies((change) -> assertThat(change.granted()).isTrue());

		// frozen: no tick, no frame; 1960 ms after the echoed send time the lease is gone
		this.clock.advanceMillis(1959);
		assertThat(this.core.isLeader()).isTrue();
		this.clock.advanceMillis(1);
		assertThat(this.core.isLeader()).as("computed when asked, before any tick").isFalse();
		assertThat(this.core.leadership().since().toEpochMilli()).isEqualTo(claim.sentAt() + 1960);
		assertThat(this.core.leadership().reason()).isEqualTo(ClusterCore.LEASE_EXPIRED);
		int before = this.changes.size();
		this.core.tick();
		assertThat(this.changes).hasSize(before + 1);
		assertThat(this.changes).last().satisfies((change) -> {
			assertThat(change.revoked()).isTrue();
			assertThat(change.current().since().toEpochMilli()).isEqualTo(claim.sentAt() + 1960);
		});
	}

	@Test
	void aFollowerAnswersItsLeadersClaimAtOnce() {
		ClusterCore follower = new ClusterCore(Peers.group(2, 3, QuorumMode.MAJORITY, Duration.ZERO), this.clock, 200,
				new ClusterListener() {
				});
		List<Integer> asked = new ArrayList<>();
		follower.attach(new PeerTransport() {

			@Override
			public void sendNow(int peerId) {
				asked.add(peerId);
			}

			@Override
			public void sendNowToAll() {
			}

		});
		follower.start();
		this.clock.advanceMillis(2000);
		follower.accept(Frame.heartbeat(3, 300, 1, new PeerView(0, 0, List.of(2, 3))).stamped(5, 0));
		follower.accept(Frame.heartbeat(1, 100, 1, new PeerView(1, 1, List.of(1, 2, 3))).stamped(7, 0));
		assertThat(follower.leadership().leaderId()).isEqualTo(1);
		asked.clear();
		follower.accept(Frame.heartbeat(1, 100, 2, new PeerView(1, 1, List.of(1, 2, 3))).stamped(507, 0));
		assertThat(asked).as("nothing changed, yet the claim is answered").containsExactly(1);
		assertThat(follower.frame(FrameType.HEARTBEAT, 1).echo()).isEqualTo(507);
		follower.accept(Frame.heartbeat(3, 300, 2, new PeerView(1, 1, List.of(1, 2, 3))).stamped(505, 0));
		assertThat(asked).as("a follower's frame is not answered").containsExactly(1);
	}

	private void hear(int from, int leader, long term, long echo) {
		this.core
			.accept(Frame.heartbeat(from, 100 + from, ++this.sequence, new PeerView(leader, term, List.of(1, 2, 3)))
				.stamped(this.clock.millis(), echo));
	}

}

package io.bellwether.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.bellwether.membership.PeerRegistry.Acceptance;
import io.bellwether.protocol.Frame;
import io.bellwether.protocol.PeerView;
import io.bellwether.testsupport.MutableClock;
import io.bellwether.testsupport.Peers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure detector, driven by a fake clock: no sleeping.
 */
class PeerRegistryTests {

	private final MutableClock clock = new MutableClock();

	private final List<MembershipChange> changes = new ArrayList<>();

	private PeerRegistry registry;

	private long sequence;

	@BeforeEach
	void setUp() {
		this.registry = new PeerRegistry(Peers.group(1, 4), this.clock, this.changes::add);
		this.registry.start();
	}

	@Test
	void peersAreDeadUntilHeardFromAndSelfIsAlwaysAlive() {
		MembershipSnapshot view = this.registry.snapshot();
		assertThat(view.members()).extracting(Member::id).containsExactly(1, 2, 3, 4);
		assertThat(view.aliveIds()).containsExactly(1);
		assertThat(view.member(1).orElseThrow().self()).isTrue();
		assertThat(view.member(2).orElseThrow().lastSeen()).isNull();
	}

	@Test
	void firstHeartbeatMakesPeerAliveOnce() {
		assertThat(this.registry.accept(heartbeat(2, 100))).isEqualTo(Acceptance.ACCEPTED);
		assertThat(this.registry.accept(heartbeat(2, 100))).isEqualTo(Acceptance.ACCEPTED);
		assertThat(this.registry.snapshot().aliveIds()).containsExactly(1, 2);
		assertThat(this.changes).singleElement()
			.satisfies((change) -> assertThat(change.describe()).isEqualTo("peer 2 ALIVE (incarnation 100)"));
	}

	@Test
	void framesFromSelfOrStrangersAreRefused() {
		assertThat(this.registry.accept(heartbeat(1, 100))).isEqualTo(Acceptance.UNKNOWN_SENDER);
		assertThat(this.registry.accept(heartbeat(9, 100))).isEqualTo(Acceptance.UNKNOWN_SENDER);
		assertThat(this.registry.isPeer(1)).isFalse();
		assertThat(this.registry.isPeer(2)).isTrue();
		assertThat(this.changes).isEmpty();
	}

	@Test
	void silentPeerDiesExactlyAtTimeout() {
		this.registry.accept(heartbeat(2, 100));
		tick(1950);
		assertThat(this.registry.snapshot().aliveIds()).contains(2);
		tick(50);
		Member peer = this.registry.snapshot().member(2).orElseThrow();
		assertThat(peer.status()).isEqualTo(PeerStatus.DEAD);
		assertThat(peer.cause()).isEqualTo(FailureCause.TIMEOUT);
		assertThat(this.changes).extracting(MembershipChange::status)
			.containsExactly(PeerStatus.ALIVE, PeerStatus.DEAD);
	}

	@Test
	void heartbeatsKeepPeerAlive() {
		for (int i = 0; i < 20; i++) {
			this.registry.accept(heartbeat(2, 100));
			tick(500);
		}
		assertThat(this.registry.snapshot().aliveIds()).contains(2);
		assertThat(this.changes).hasSize(1);
	}

	@Test
	void deadPeerThatSpeaksAgainIsAliveAgain() {
		this.registry.accept(heartbeat(2, 100));
		tick(2000);
		this.registry.accept(heartbeat(2, 100));
		assertThat(this.registry.snapshot().aliveIds()).contains(2);
		assertThat(this.changes).extracting(MembershipChange::status)
			.containsExactly(PeerStatus.ALIVE, PeerStatus.DEAD, PeerStatus.ALIVE);
	}

	@Test
	void crashFastPathKillsAtOnceAndIgnoresInFlightFramesOfThatLife() {
		this.registry.accept(heartbeat(2, 100));
		this.registry.connectionLost(2);
		assertThat(this.registry.snapshot().member(2).orElseThrow().cause()).isEqualTo(FailureCause.CONNECTION_LOST);
		assertThat(this.registry.accept(heartbeat(2, 100))).isEqualTo(Acceptance.STALE);
		assertThat(this.registry.snapshot().aliveIds()).doesNotContain(2);
	}

	@Test
	void crashSuspicionEndsWhenPeerIsReachableAgain() {
		this.registry.accept(heartbeat(2, 100));
		this.registry.connectionLost(2);
		this.registry.reachable(2);
		assertThat(this.registry.accept(heartbeat(2, 100))).isEqualTo(Acceptance.ACCEPTED);
		assertThat(this.registry.snapshot().aliveIds()).contains(2);
	}

	@Test
	void restartedPeerRejoinsWithNewIncarnation() {
		this.registry.accept(heartbeat(2, 100));
		this.registry.connectionLost(2);
		assertThat(this.registry.accept(heartbeat(2, 200))).isEqualTo(Acceptance.ACCEPTED);
		Member peer = this.registry.snapshot().member(2).orElseThrow();
		assertThat(peer.alive()).isTrue();
		assertThat(peer.incarnation()).isEqualTo(200);
		assertThat(peer.aliveSince()).isEqualTo(this.clock.instant());
	}

	@Test
	void newLifeOfALivePeerIsRefusedUntilTheOldLifeIsDead() {
		this.registry.accept(heartbeat(2, 100));
		assertThat(this.registry.accept(heartbeat(2, 999))).isEqualTo(Acceptance.CONFLICT);
		assertThat(this.registry.snapshot().member(2).orElseThrow().incarnation()).isEqualTo(100);
		assertThat(this.registry.accept(heartbeat(2, 100))).as("the real life goes on").isEqualTo(Acceptance.ACCEPTED);
		tick(2000);
		assertThat(this.registry.accept(heartbeat(2, 999))).as("once DEAD, a new life is welcome")
			.isEqualTo(Acceptance.ACCEPTED);
	}

	@Test
	void staleIncarnationAndRepeatedSequenceAreIgnored() {
		this.registry.accept(heartbeat(2, 100));
		this.registry.connectionLost(2);
		this.registry.accept(heartbeat(2, 200));
		assertThat(this.registry.accept(heartbeat(2, 100))).isEqualTo(Acceptance.STALE);
		Frame frame = heartbeat(2, 200);
		assertThat(this.registry.accept(frame)).isEqualTo(Acceptance.ACCEPTED);
		assertThat(this.registry.accept(frame)).isEqualTo(Acceptance.STALE);
		tick(1000);
		this.registry.accept(heartbeat(2, 100));
		tick(1000);
		assertThat(this.registry.snapshot().aliveIds()).as("a stale life does not keep a peer alive").doesNotContain(2);
	}

	@Test
	void leaveKillsAtOnceAndThatLifeNeverReturns() {
		this.registry.accept(heartbeat(2, 100));
		this.registry.accept(Frame.leave(2, 100, ++this.sequence, PeerView.EMPTY));
		Member peer = this.registry.snapshot().member(2).orElseThrow();
		assertThat(peer.status()).isEqualTo(PeerStatus.DEAD);
		assertThat(peer.cause()).isEqualTo(FailureCause.LEAVE);
		this.registry.reachable(2);
		assertThat(this.registry.accept(heartbeat(2, 100))).isEqualTo(Acceptance.STALE);
		assertThat(this.registry.accept(heartbeat(2, 101))).isEqualTo(Acceptance.ACCEPTED);
		assertThat(this.registry.snapshot().aliveIds()).contains(2);
	}

	@Test
	void ownPauseDoesNotKillTheOthers() {
		this.registry.accept(heartbeat(2, 100));
		tick(500);
		this.clock.advance(Duration.ofSeconds(3));
		this.registry.expire();
		assertThat(this.registry.snapshot().aliveIds()).as("grace after our own pause").contains(2);
		this.registry.accept(heartbeat(2, 100));
		tick(1000);
		assertThat(this.registry.snapshot().aliveIds()).contains(2);
	}

	@Test
	void ownPauseGraceEndsAfterOneInterval() {
		this.registry.accept(heartbeat(2, 100));
		tick(500);
		this.clock.advance(Duration.ofSeconds(3));
		this.registry.expire();
		tick(500);
		assertThat(this.registry.snapshot().aliveIds()).as("still silent after the grace").doesNotContain(2);
	}

	@Test
	void ownPauseLongerThanTheTimeoutMeansDiscoveringAgainAsAReturningPeer() {
		hearFromAll();
		tick(500);
		assertThat(this.registry.snapshot().discovering()).isFalse();
		this.clock.advance(Duration.ofSeconds(3));
		this.registry.expire();
		MembershipSnapshot view = this.registry.snapshot();
		assertThat(view.discovering()).as("frames from before the pause do not count").isTrue();
		assertThat(view.member(1).orElseThrow().aliveSince()).isEqualTo(this.clock.instant());
		hearFromAll();
		assertThat(this.registry.snapshot().discovering()).isFalse();
	}

	@Test
	void ownPauseShorterThanTheTimeoutKeepsLeadershipState() {
		hearFromAll();
		tick(500);
		Instant since = this.registry.snapshot().member(1).orElseThrow().aliveSince();
		this.clock.advance(Duration.ofMillis(1500));
		this.registry.expire();
		assertThat(this.registry.snapshot().discovering()).isFalse();
		assertThat(this.registry.snapshot().member(1).orElseThrow().aliveSince()).isEqualTo(since);
	}

	private void hearFromAll() {
		for (int id = 2; id <= 4; id++) {
			this.registry.accept(heartbeat(id, 100));
		}
	}

	@Test
	void discoveryCannotEndBeforeTheTransportStarts() {
		PeerRegistry notStarted = new PeerRegistry(Peers.group(1, 4), this.clock, this.changes::add);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(notStarted.snapshot().discovering()).isTrue();
		notStarted.start();
		this.clock.advance(Duration.ofMillis(1999));
		assertThat(notStarted.snapshot().discovering()).isTrue();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(notStarted.snapshot().discovering()).isFalse();
	}

	@Test
	void recentFailuresAreCountedWithinTheDampingWindow() {
		for (int i = 0; i < 3; i++) {
			this.registry.accept(heartbeat(2, 100));
			tick(2000);
		}
		assertThat(this.registry.snapshot().member(2).orElseThrow().recentFailures()).isEqualTo(3);
		tick(2000 * PeerRegistry.DAMPING_TIMEOUTS + 50);
		assertThat(this.registry.snapshot().member(2).orElseThrow().recentFailures()).isZero();
	}

	@Test
	void ownLongPausesCountAsOwnFailures() {
		tick(500);
		this.clock.advance(Duration.ofSeconds(3));
		this.registry.expire();
		assertThat(this.registry.snapshot().member(1).orElseThrow().recentFailures()).isEqualTo(1);
	}

	@Test
	void highestClaimedTermCountsOnlyLeadershipClaims() {
		this.registry.accept(Frame.heartbeat(2, 100, ++this.sequence, new PeerView(2, 7, List.of(1, 2))));
		this.registry.accept(Frame.heartbeat(3, 100, ++this.sequence, new PeerView(1, 9, List.of(1, 3))));
		assertThat(this.registry.snapshot().highestClaimedTerm()).isEqualTo(7);
		assertThat(this.registry.snapshot().member(2).orElseThrow().claimsLeadership()).isTrue();
		assertThat(this.registry.snapshot().member(3).orElseThrow().claimsLeadership()).isFalse();
	}

	@Test
	void discoveryEndsWhenAllPeersHeardFrom() {
		assertThat(this.registry.snapshot().discovering()).isTrue();
		this.registry.accept(heartbeat(2, 100));
		this.registry.accept(heartbeat(3, 100));
		assertThat(this.registry.snapshot().discovering()).isTrue();
		this.registry.accept(heartbeat(4, 100));
		assertThat(this.registry.snapshot().discovering()).isFalse();
	}

	@Test
	void discoveryEndsAfterOneTimeout() {
		this.registry.accept(heartbeat(2, 100));
		tick(1950);
		assertThat(this.registry.snapshot().discovering()).isTrue();
		tick(50);
		assertThat(this.registry.snapshot().discovering()).isFalse();
		this.registry.accept(heartbeat(2, 100));
		assertThat(this.registry.snapshot().discovering()).as("never again after it ended").isFalse();
	}

	private Frame heartbeat(int sender, long incarnation) {
		return Frame.heartbeat(sender, incarnation, ++this.sequence, PeerView.EMPTY);
	}

	/**
	 * Moves time forward in 50 ms ticks, running the detector each tick as the service
	 * does.
	 */
	private void tick(long millis) {
		for (long done = 0; done < millis; done += 50) {
			this.clock.advanceMillis(50);
			this.registry.expire();
		}
	}

}

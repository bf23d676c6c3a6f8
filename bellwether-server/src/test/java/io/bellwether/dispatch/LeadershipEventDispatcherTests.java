package io.bellwether.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.bellwether.LeadershipListener;
import io.bellwether.election.LeaderChangedEvent;
import io.bellwether.election.Leadership;
import io.bellwether.election.LeadershipGrantedEvent;
import io.bellwether.election.LeadershipRevokedEvent;
import io.bellwether.membership.MembershipChange;
import io.bellwether.membership.PeerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event thread: order, isolation of failing listeners, coalescing when the
 * application falls behind, late listeners. No Spring, no sleeping.
 */
class LeadershipEventDispatcherTests {

	private static final int SELF = 2;

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<Object> published = Collections.synchronizedList(new ArrayList<>());

	private LeadershipEventDispatcher dispatcher = new LeadershipEventDispatcher(SELF, this.published::add, 8);

	private long term;

	private Leadership current = Leadership.initial(Instant.EPOCH);

	@AfterEach
	void stop() {
		this.dispatcher.stop(Duration.ofSeconds(1));
	}

	@Test
	void deliversInOrderOnItsOwnThreadWithRevokedBeforeGranted() {
		Recorder recorder = new Recorder();
		this.dispatcher.addListener(recorder);
		this.dispatcher.start();
		this.dispatcher.membershipChanged(alive(1));
		this.dispatcher.leaderChanged(leadTo(SELF));
		this.dispatcher.leaderChanged(leadTo(1));
		assertThat(this.dispatcher.awaitDelivered(WAIT)).isTrue();
		assertThat(this.published).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("MembershipChange", "LeaderChangedEvent", "LeadershipGrantedEvent", "LeaderChangedEvent",
					"LeadershipRevokedEvent");
		assertThat(recorder.calls).containsExactly("changed none->2", "granted 1", "changed 2->1", "revoked ->1");
		assertThat(recorder.threads).containsOnly("bellwether-events");
	}

	@Test
	void aThrowingListenerHarmsOnlyItself() {
		Recorder healthy = new Recorder();
		this.dispatcher.addListener(new LeadershipListener() {
			@Override
			public void onGranted(LeadershipGrantedEvent event) {
				throw new IllegalStateException("listener bug");
			}
		});
		this.dispatcher.addListener(healthy);
		LeadershipEventDispatcher throwingPublisher = new LeadershipEventDispatcher(SELF, (event) -> {
			throw new IllegalStateException("publisher bug");
		}, 8);
		this.dispatcher.stop(Duration.ZERO);
		this.dispatcher = throwingPublisher;
		this.dispatcher.addListener(new LeadershipListener() {
			@Override
			public void onLeaderChanged(LeaderChangedEvent event) {
				throw new IllegalStateException("listener bug");
			}
		});
		this.dispatcher.addListener(healthy);
		this.dispatcher.start();
		this.dispatcher.leaderChanged(leadTo(SELF));
		this.dispatcher.leaderChanged(leadTo(3));
		assertThat(this.dispatcher.awaitDelivered(WAIT)).isTrue();
		assertThat(healthy.calls).containsExactly("changed none->2", "granted 1", "changed 2->3", "revoked ->3");
	}

	@Test
	void aBlockedListenerNeverBlocksTheCoreAndGetsTheLatestStateWhenItCatchesUp() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch blocked = new CountDownLatch(1);
		Recorder recorder = new Recorder() {
			@Override
			public void onGranted(LeadershipGrantedEvent event) {
				super.onGranted(event);
				blocked.countDown();
				awaitQuietly(release);
			}
		};
		this.dispatcher.addListener(recorder);
		this.dispatcher.start();
		this.dispatcher.leaderChanged(leadTo(SELF));
		assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
		// the listener is stuck in its first callback: the core goes on reporting (100
		// changes of leader, ending with this peer leading again) without waiting
		for (int i = 0; i < 50; i++) {
			this.dispatcher.leaderChanged(leadTo(1));
			this.dispatcher.membershipChanged(alive(3));
			this.dispatcher.leaderChanged(leadTo(SELF));
		}
		assertThat(this.dispatcher.coalescings()).isPositive();
		release.countDown();
		assertThat(this.dispatcher.awaitDelivered(WAIT)).isTrue();
		// far fewer callbacks than changes; granted and revoked still alternate; the last
		// state is this peer leading in the latest term
		assertThat(recorder.calls.size()).isLessThan(40);
		List<String> grantsAndRevokes = recorder.calls.stream()
			.filter((call) -> call.startsWith("granted") || call.startsWith("revoked"))
			.toList();
		for (int i = 0; i < grantsAndRevokes.size(); i++) {
			assertThat(grantsAndRevokes.get(i)).startsWith((i % 2 == 0) ? "granted" : "revoked");
		}
		assertThat(grantsAndRevokes).last().isEqualTo("granted " + this.term);
	}

	@Test
	void aLateListenerGetsGrantedAtOnce() {
		this.dispatcher.start();
		this.dispatcher.leaderChanged(leadTo(SELF));
		assertThat(this.dispatcher.awaitDelivered(WAIT)).isTrue();
		Recorder late = new Recorder();
		this.dispatcher.addListener(late);
		await().atMost(WAIT).until(() -> late.calls.size() == 2);
		assertThat(late.calls).containsExactly("changed none->2", "granted 1");
		this.dispatcher.leaderChanged(leadTo(1));
		await().atMost(WAIT).until(() -> late.calls.size() == 4);
		assertThat(late.calls).endsWith("revoked ->1");
	}

	@Test
	void aRemovedListenerGetsNothingMore() {
		Recorder recorder = new Recorder();
		this.dispatcher.start();
		this.dispatcher.addListener(recorder).close();
		this.dispatcher.leaderChanged(leadTo(SELF));
		assertThat(this.dispatcher.awaitDelivered(WAIT)).isTrue();
		assertThat(recorder.calls).isEmpty();
	}

	private LeaderChangedEvent leadTo(int leader) {
		Leadership previous = this.current;
		this.term++;
		this.current = new Leadership(leader, this.term, Instant.EPOCH.plusSeconds(this.term), null);
		return new LeaderChangedEvent(SELF, previous, this.current);
	}

	private static MembershipChange alive(int peer) {
		return new MembershipChange(peer, PeerStatus.ALIVE, null, 1, Instant.EPOCH);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static class Recorder implements LeadershipListener {

		final List<String> calls = Collections.synchronizedList(new ArrayList<>());

		final List<String> threads = Collections.synchronizedList(new ArrayList<>());

		@Override
		public void onGranted(LeadershipGrantedEvent event) {
			record("granted " + event.term());
		}

		@Override
		public void onRevoked(LeadershipRevokedEvent event) {
			record("revoked ->" + event.newLeaderId());
		}

		@Override
		public void onLeaderChanged(LeaderChangedEvent event) {
			record("changed " + name(event.previous()) + "->" + name(event.current()));
		}

		private void record(String call) {
			this.calls.add(call);
			this.threads.add(Thread.currentThread().getName());
		}

		private static String name(Leadership leadership) {
			return leadership.hasLeader() ? String.valueOf(leadership.leaderId()) : "none";
		}

	}

}

package io.bellwether.dispatch;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.bellwether.ClusterLeadership;
import io.bellwether.LeadershipListener;
import io.bellwether.election.LeaderChangedEvent;
import io.bellwether.election.LeadershipGrantedEvent;
import io.bellwether.membership.Member;
import io.bellwether.testsupport.ForkedLeaderGroup;
import io.bellwether.testsupport.LocalCluster;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Application listeners can never stall failure detection: on real peers, a listener that
 * sleeps 10 s when its peer is granted leadership, and one that throws on every callback.
 * The leader (a process of its own) is killed; the new leader is elected within the usual
 * bound on every peer while its listener sleeps, both survivors keep seeing each other
 * ALIVE all along (nobody declares the sleeping peer DEAD), and the sleeping listener
 * gets its callback late but in order.
 */
class BlockingListenerTests {

	private static final Duration SLEEP = Duration.ofSeconds(10);

	private LocalCluster cluster;

	@RegisterExtension
	final ForkedLeaderGroup group = new ForkedLeaderGroup();

	@Test
	void aListenerThatSleepsOrThrowsNeverDelaysFailoverNorMakesItsPeerDead() throws Exception {
		this.cluster = this.group.start(3);
		Sleeper sleeper = new Sleeper();
		for (int id = 2; id <= 3; id++) {
			ClusterLeadership leadership = this.cluster.bean(id, ClusterLeadership.class);
			leadership.addListener(new Thrower());
			leadership.addListener(sleeper);
		}

		long killed = System.nanoTime();
		this.group.killLeader();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.cluster.leaders().values().stream().allMatch((id) -> id == 2));
		long failover = (System.nanoTime() - killed) / 1_000_000;
		assertThat(sleeper.entered.await(10, TimeUnit.SECONDS)).as("peer 2's listener was granted").isTrue();
		long enteredAfter = (System.nanoTime() - killed) / 1_000_000;

		// while peer 2's listener sleeps, both survivors hear each other and peer 2 leads
		await().during(SLEEP.minusSeconds(2))
			.atMost(SLEEP.plusSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> alive(2, 3) && alive(3, 2) && this.cluster.bean(2, ClusterLeadership.class).isLeader()
					&& this.cluster.leadership(3).leaderId() == 2);
		assertThat(sleeper.done.await(SLEEP.toSeconds() + 10, TimeUnit.SECONDS)).isTrue();
		assertThat(failures(2, 3)).as("peer 2 never declared peer 3 DEAD").isZero();
		assertThat(failures(3, 2)).as("peer 3 never declared the sleeping peer 2 DEAD").isZero();
		System.out.printf(
				"kill -9 of the leader with a listener sleeping %d s on granted: leader 2 on every "
						+ "survivor after %d ms (granted reached the listener after %d ms); no false DEAD%n",
				SLEEP.toSeconds(), failover, enteredAfter);
	}

	private boolean alive(int on, int peer) {
		return this.cluster.membership(on).member(peer).map(Member::alive).orElse(false);
	}

	private double failures(int on, int peer) {
		return this.cluster.bean(on, MeterRegistry.class)
			.find("bellwether.failures")
			.tag("peer", String.valueOf(peer))
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/** Sleeps 10 s in its first granted callback (application code, on purpose). */
	static final class Sleeper implements LeadershipListener {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch done = new CountDownLatch(1);

		@Override
		public void onGranted(LeadershipGrantedEvent event) {
			if (this.entered.getCount() == 0) {
				return;
			}
			this.entered.countDown();
			try {
				Thread.sleep(SLEEP.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.done.countDown();
		}

	}

	/** Throws on every callback. */
	static final class Thrower implements LeadershipListener {

		@Override
		public void onGranted(LeadershipGrantedEvent event) {
			throw new IllegalStateException("listener bug on granted");
		}

		@Override
		public void onLeaderChanged(LeaderChangedEvent event) {
			throw new IllegalStateException("listener bug on leader changed");
		}

	}

}

package io.bellwether.chaos;

import java.time.Duration;
import java.util.List;

import io.bellwether.chaos.PeerProcesses.View;
import io.bellwether.testsupport.RequiredTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.bellwether.chaos.ChaosSupport.CONVERGE;
import static io.bellwether.chaos.ChaosSupport.START;
import static io.bellwether.chaos.ChaosSupport.assertStableFor;
import static io.bellwether.chaos.ChaosSupport.awaitAgreement;
import static io.bellwether.chaos.ChaosSupport.awaitAnyAgreement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Network partitions between real peer processes: each peer has its own loopback address
 * and iptables drops packets between them (root needed). 2–2 split in majority mode, an
 * isolated peer, one-way loss, and healing.
 */
class PartitionChaosIT {

	private static final List<Integer> ALL = List.of(1, 2, 3, 4);

	private PeerProcesses peers;

	private Firewall firewall;

	@BeforeEach
	void tools() {
		ChaosSupport.assumeJar();
		RequiredTool.require(Firewall.available(), "iptables is needed as root: install Debian's iptables");
		this.firewall = new Firewall();
	}

	@AfterEach
	void stop() {
		if (this.firewall != null) {
			this.firewall.close();
		}
		if (this.peers != null) {
			this.peers.close();
		}
	}

	@Test
	void twoTwoSplitWithMajorityHasNoLeaderAnywhereAndHealsToOne() throws Exception {
		this.peers = new PeerProcesses("split-majority", 4, "--bellwether.election.quorum=majority").startAll();
		long first = awaitAgreement(this.peers, ALL, 1, START);

		this.firewall.split(List.of(1, 2), List.of(3, 4));
		await().atMost(CONVERGE)
			.untilAsserted(
					() -> assertThat(this.peers.views(ALL).values()).allMatch((view) -> view.leaderId() == View.NONE));
		assertStableFor(this.peers, ALL, Duration.ofSeconds(3));

		this.firewall.heal();
		View healed = awaitAnyAgreement(this.peers, ALL, CONVERGE);
		assertThat(healed.leaderId()).isEqualTo(1);
		assertThat(healed.term()).isGreaterThan(first);
	}

	@Test
	void isolatedPeerAndOneWayLossConvergeToOneLeader() throws Exception {
		this.peers = new PeerProcesses("isolate-asymmetric", 4).startAll();
		long first = awaitAgreement(this.peers, ALL, 1, START);

		// peer 4 alone: without quorum it leads itself; the others keep leader 1 and its
		// term
		this.firewall.split(List.of(4), List.of(1, 2, 3));
		awaitAgreement(this.peers, List.of(4), 4, CONVERGE);
		assertThat(awaitAgreement(this.peers, List.of(1, 2, 3), 1, CONVERGE)).isEqualTo(first);
		this.firewall.heal();
		long healed = awaitAgreement(this.peers, ALL, 1, CONVERGE);

		// one-way loss: 2 no longer hears 1, everyone else does; shared views keep one
		// leader
		this.firewall.drop(1, 2);
		await().atMost(CONVERGE).untilAsserted(() -> assertThat(this.peers.statuses(2)).containsEntry(1, "DEAD"));
		assertStableFor(this.peers, ALL, Duration.ofSeconds(4));
		assertThat(this.peers.views(ALL).values()).allMatch((view) -> view.leaderId() == 1 && view.term() == healed);

		this.firewall.heal();
		await().atMost(CONVERGE).untilAsserted(() -> assertThat(this.peers.statuses(2)).containsEntry(1, "ALIVE"));
		assertThat(awaitAgreement(this.peers, ALL, 1, CONVERGE)).isEqualTo(healed);
	}

}

package io.bellwether.events;

import java.time.Instant;

import io.bellwether.election.LeaderChangedEvent;
import io.bellwether.election.Leadership;
import io.bellwether.protocol.PeerView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leader ids in {@code /events}: peer 0 is the number 0, "no leader" is {@code null}.
 */
class StreamEventTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

	private static final Leadership NONE = new Leadership(PeerView.NO_LEADER, 0, AT, "discovering the group");

	private static final Leadership ZERO = new Leadership(0, 1, AT, null);

	@Test
	void changeFromNoLeaderToPeerZero() {
		JsonNode json = JSON.valueToTree(StreamEvent.Leader.of(new LeaderChangedEvent(1, NONE, ZERO)));
		assertThat(json.get("previousLeaderId").isNull()).isTrue();
		assertThat(json.get("leaderId").isIntegralNumber()).isTrue();
		assertThat(json.get("leaderId").asInt()).isZero();
		assertThat(json.get("text").asString()).isEqualTo("leader none -> 0 term 1");
	}

	@Test
	void changeFromPeerZeroToNoLeader() {
		Leadership lost = new Leadership(PeerView.NO_LEADER, 1, AT, "no quorum");
		JsonNode json = JSON.valueToTree(StreamEvent.Leader.of(new LeaderChangedEvent(0, ZERO, lost)));
		assertThat(json.get("previousLeaderId").asInt()).isZero();
		assertThat(json.get("previousLeaderId").isIntegralNumber()).isTrue();
		assertThat(json.get("leaderId").isNull()).isTrue();
		assertThat(json.get("text").asString()).isEqualTo("leader 0 -> none term 1 (no quorum)");
	}

	@Test
	void leaderStateOfNoLeaderAndOfPeerZero() {
		assertThat(JSON.valueToTree(StreamEvent.LeaderState.of(NONE)).get("leaderId").isNull()).isTrue();
		JsonNode zero = JSON.valueToTree(StreamEvent.LeaderState.of(ZERO)).get("leaderId");
		assertThat(zero.isIntegralNumber()).isTrue();
		assertThat(zero.asInt()).isZero();
	}

}

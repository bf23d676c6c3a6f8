package io.bellwether.web;

import java.time.Instant;
import java.util.List;

import io.bellwether.config.PeerAddress;
import io.bellwether.election.ElectionService;
import io.bellwether.election.Leadership;
import io.bellwether.membership.FailureCause;
import io.bellwether.membership.Member;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.membership.PeerRegistry;
import io.bellwether.membership.PeerStatus;
import io.bellwether.protocol.PeerView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest
@Import(PeersController.class)
class PeersControllerTests {

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ElectionService election;

	@MockitoBean
	private PeerRegistry registry;

	@Test
	void peersSortedWithStatusLeaderAndLastSeenAge() throws Exception {
		given(this.election.leadership()).willReturn(new Leadership(1, 4, NOW, null));
		given(this.registry.snapshot()).willReturn(new MembershipSnapshot(2,
				List.of(new Member(new PeerAddress(1, "127.0.0.1", 7001), false, PeerStatus.ALIVE, 5,
						NOW.minusMillis(120), NOW.minusSeconds(9), PeerView.EMPTY, null),
						new Member(new PeerAddress(2, "127.0.0.1", 7002), true, PeerStatus.ALIVE, 0, null,
								NOW.minusSeconds(10), PeerView.EMPTY, null),
						new Member(new PeerAddress(3, "127.0.0.1", 7003), false, PeerStatus.DEAD, 5,
								NOW.minusSeconds(3), null, PeerView.EMPTY, FailureCause.TIMEOUT),
						new Member(new PeerAddress(4, "127.0.0.1", 7004), false, PeerStatus.DEAD, 0, null, null,
								PeerView.EMPTY, null)),
				NOW, false, 4));
		this.mvc.perform(get("/peers"))
			.andExpect(status().isOk())
			.andExpect(content().json(
					"""
							[{"id":1,"host":"127.0.0.1","port":7001,"status":"ALIVE","self":false,"leader":true,"lastSeenMillisAgo":120},
							 {"id":2,"host":"127.0.0.1","port":7002,"status":"ALIVE","self":true,"leader":false,"lastSeenMillisAgo":null},
							 {"id":3,"host":"127.0.0.1","port":7003,"status":"DEAD","self":false,"leader":false,"lastSeenMillisAgo":3000},
							 {"id":4,"host":"127.0.0.1","port":7004,"status":"DEAD","self":false,"leader":false,"lastSeenMillisAgo":null}]
							""",
					JsonCompareMode.STRICT));
	}

	@Test
	void peerZeroIsFlaggedOnlyWhenItLeads() throws Exception {
		MembershipSnapshot view = new MembershipSnapshot(1,
				List.of(new Member(new PeerAddress(0, "127.0.0.1", 7000), false, PeerStatus.ALIVE, 5,
						NOW.minusMillis(20), NOW.minusSeconds(9), PeerView.EMPTY, null),
						new Member(new PeerAddress(1, "127.0.0.1", 7001), true, PeerStatus.ALIVE, 0, null,
								NOW.minusSeconds(10), PeerView.EMPTY, null)),
				NOW, false, 4);
		given(this.registry.snapshot()).willReturn(view);
		given(this.election.leadership()).willReturn(new Leadership(0, 4, NOW, null));
		this.mvc.perform(get("/peers"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value(0))
			.andExpect(jsonPath("$[0].leader").value(true))
			.andExpect(jsonPath("$[1].leader").value(false));
		given(this.election.leadership()).willReturn(new Leadership(PeerView.NO_LEADER, 4, NOW, "no quorum"));
		this.mvc.perform(get("/peers"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].leader").value(false))
			.andExpect(jsonPath("$[1].leader").value(false));
	}

}

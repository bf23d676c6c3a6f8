package io.bellwether.web;

import java.time.Instant;

import io.bellwether.election.ElectionService;
import io.bellwether.election.Leadership;
import io.bellwether.protocol.PeerView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest
@Import(LeaderController.class)
class LeaderControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ElectionService election;

	@Test
	void leaderAsInTheBrief() throws Exception {
		given(this.election.selfId()).willReturn(2);
		given(this.election.leadership())
			.willReturn(new Leadership(1, 4, Instant.parse("2026-11-24T10:00:00.123Z"), null));
		this.mvc.perform(get("/leader"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(content().json("""
					{"leaderId":1,"term":4,"selfId":2,"self":false,"since":"2026-11-24T10:00:00.123Z"}
					""", org.springframework.test.json.JsonCompareMode.STRICT));
	}

	@Test
	void selfIsTrueOnTheLeader() throws Exception {
		given(this.election.selfId()).willReturn(1);
		given(this.election.leadership()).willReturn(new Leadership(1, 7, Instant.EPOCH, null));
		this.mvc.perform(get("/leader")).andExpect(status().isOk()).andExpect(jsonPath("$.self").value(true));
	}

	@Test
	void leaderZeroIsALeader() throws Exception {
		given(this.election.selfId()).willReturn(1);
		given(this.election.leadership()).willReturn(new Leadership(0, 3, Instant.EPOCH, null));
		this.mvc.perform(get("/leader"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.leaderId").value(0))
			.andExpect(jsonPath("$.self").value(false));
		given(this.election.selfId()).willReturn(0);
		this.mvc.perform(get("/leader")).andExpect(status().isOk()).andExpect(jsonPath("$.self").value(true));
	}

	@Test
	void noLeaderIsA503Problem() throws Exception {
		given(this.election.selfId()).willReturn(3);
		given(this.election.leadership()).willReturn(new Leadership(PeerView.NO_LEADER, 4, Instant.EPOCH,
				"no quorum: 2 of 4 peers alive, a majority needs 3"));
		this.mvc.perform(get("/leader"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("No leader"))
			.andExpect(jsonPath("$.status").value(503))
			.andExpect(jsonPath("$.detail")
				.value("Peer 3 has no leader: no quorum: 2 of 4 peers alive, a majority needs 3."))
			.andExpect(jsonPath("$.selfId").value(3))
			.andExpect(jsonPath("$.since").value("1970-01-01T00:00:00Z"));
	}

}

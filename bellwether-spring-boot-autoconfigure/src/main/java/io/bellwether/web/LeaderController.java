package io.bellwether.web;

import io.bellwether.election.ElectionService;
import io.bellwether.election.Leadership;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /leader}: the leader this peer follows, or 503 problem+json when it has none
 * ({@code since}: since when). Answered from the clock at the moment asked: in majority
 * mode a leader whose lease has run out says so at once.
 */
@RestController
class LeaderController {

	private final ElectionService election;

	LeaderController(ElectionService election) {
		this.election = election;
	}

	@GetMapping("/leader")
	ResponseEntity<?> leader() {
		Leadership leadership = this.election.leadership();
		int selfId = this.election.selfId();
		if (!leadership.hasLeader()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"Peer " + selfId + " has no leader: " + leadership.reason() + ".");
			problem.setTitle("No leader");
			problem.setProperty("selfId", selfId);
			problem.setProperty("term", leadership.term());
			problem.setProperty("since", leadership.since());
			return ResponseEntity.of(problem).build();
		}
		return ResponseEntity.ok(new LeaderResponse(leadership.leaderId(), leadership.term(), selfId,
				leadership.leaderId() == selfId, leadership.since()));
	}

}

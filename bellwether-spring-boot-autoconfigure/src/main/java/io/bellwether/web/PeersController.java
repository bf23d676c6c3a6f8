package io.bellwether.web;

import java.time.Duration;
import java.util.List;

import io.bellwether.election.ElectionService;
import io.bellwether.membership.MembershipSnapshot;
import io.bellwether.membership.PeerRegistry;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /peers}: every configured peer as this peer sees it, sorted by id.
 */
@RestController
class PeersController {

	private final PeerRegistry registry;

	private final ElectionService election;

	PeersController(PeerRegistry registry, ElectionService election) {
		this.registry = registry;
		this.election = election;
	}

	@GetMapping("/peers")
	List<PeerResponse> peers() {
		int leaderId = this.election.leadership().leaderId();
		MembershipSnapshot view = this.registry.snapshot();
		return view.members().stream().map((member) -> {
			Duration ago = member.lastSeenAgo(view.at());
			return new PeerResponse(member.id(), member.address().host(), member.address().port(), member.status(),
					member.self(), member.id() == leaderId, (ago != null) ? ago.toMillis() : null);
		}).toList();
	}

}

package io.bellwether.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything a peer needs to know, bound from {@code bellwether.*} (the positional
 * command line is turned into these properties by {@code SeedCommandLine} (in the
 * standalone server)). Validated when bound: a configuration that cannot work stops
 * start-up with one line saying why.
 *
 * @param selfId id of this peer (a non-negative integer; 0 is allowed)
 * @param peers the configured group; this peer's own entry may be present or not
 * @param bindAddress address the heartbeat server binds (all interfaces by default)
 * @param bindPort port the heartbeat server binds; defaults to the port of this peer's
 * own entry in {@code peers}
 * @param heartbeat heartbeat timing
 * @param election election rule settings
 * @param secret shared secret keys for HMAC-authenticated frames, comma-separated; frames
 * are signed with the first and accepted with any (empty: frames are unauthenticated)
 */
@ConfigurationProperties("bellwether")
public record PeerProperties(Integer selfId, List<PeerAddress> peers, @DefaultValue("0.0.0.0") String bindAddress,
		Integer bindPort, @DefaultValue Heartbeat heartbeat, @DefaultValue Election election, List<String> secret) {

	/**
	 * More peers than this would not fit the alive list of one frame; nobody needs it.
	 */
	public static final int MAX_GROUP_SIZE = 256;

	/** Shortest secret key accepted: a short shared secret is guessable offline. */
	public static final int MIN_SECRET_BYTES = 16;

	public PeerProperties {
		if (selfId == null) {
			throw new InvalidConfigurationException("this peer's id is not set: start with '<id> <host> <port> ...' "
					+ "or set bellwether.self-id (BELLWETHER_SELF_ID)");
		}
		if (selfId < 0) {
			throw new InvalidConfigurationException("bellwether.self-id must be a non-negative integer, got " + selfId);
		}
		if (peers == null || peers.isEmpty()) {
			throw new InvalidConfigurationException("no peers configured: start with '<id> <host> <port> ...' "
					+ "or set bellwether.peers (BELLWETHER_PEERS), e.g. 1@127.0.0.1:7001,2@127.0.0.1:7002");
		}
		Set<Integer> ids = new HashSet<>();
		for (PeerAddress peer : peers) {
			if (!ids.add(peer.id())) {
				throw new InvalidConfigurationException("duplicate peer id " + peer.id() + " in the peer list");
			}
		}
		if (ids.size() > MAX_GROUP_SIZE) {
			throw new InvalidConfigurationException(
					"too many peers: " + ids.size() + " configured, at most " + MAX_GROUP_SIZE + " are supported");
		}
		int self = selfId;
		Optional<PeerAddress> own = peers.stream().filter((peer) -> peer.id() == self).findFirst();
		if (bindPort == null) {
			if (own.isEmpty()) {
				throw new InvalidConfigurationException("this peer (id " + selfId + ") is missing from the peer list "
						+ idsOf(peers) + ": add it, or set bellwether.bind-port to say where it listens");
			}
			bindPort = own.get().port();
		}
		if (bindPort < 1 || bindPort > 65535) {
			throw new InvalidConfigurationException("bellwether.bind-port " + bindPort + " is out of range 1-65535");
		}
		List<PeerAddress> sorted = new ArrayList<>(peers);
		if (own.isEmpty()) {
			sorted.add(new PeerAddress(selfId, bindAddress, bindPort));
		}
		sorted.sort(Comparator.comparingInt(PeerAddress::id));
		peers = List.copyOf(sorted);
		secret = (secret != null) ? secret.stream().map(String::strip).filter((key) -> !key.isEmpty()).toList()
				: List.of();
		for (String key : secret) {
			if (key.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
				throw new InvalidConfigurationException("every bellwether.secret key must be at least "
						+ MIN_SECRET_BYTES + " bytes long; one is " + key.getBytes(StandardCharsets.UTF_8).length);
			}
		}
	}

	/**
	 * The configured group, this peer included, sorted by id.
	 * @return all members
	 */
	public List<PeerAddress> group() {
		return this.peers;
	}

	/**
	 * The other members, sorted by id.
	 * @return members other than this peer
	 */
	public List<PeerAddress> others() {
		return this.peers.stream().filter((peer) -> peer.id() != this.selfId).toList();
	}

	/**
	 * The secret keys as bytes, the signing key first.
	 * @return the keys (empty when frames are unauthenticated)
	 */
	public List<byte[]> secretKeys() {
		return this.secret.stream().map((key) -> key.getBytes(StandardCharsets.UTF_8)).toList();
	}

	@Override
	public String toString() {
		return "PeerProperties[selfId=" + this.selfId + ", peers=" + this.peers + ", bind=" + this.bindAddress + ":"
				+ this.bindPort + ", heartbeat=" + this.heartbeat + ", election=" + this.election + ", secret="
				+ (this.secret.isEmpty() ? "unset" : this.secret.size() + " key(s) ******") + "]";
	}

	private static String idsOf(List<PeerAddress> peers) {
		return peers.stream().map((peer) -> String.valueOf(peer.id())).collect(Collectors.joining(", ", "(", ")"));
	}

	/**
	 * Heartbeat timing.
	 *
	 * @param interval how often a peer sends a heartbeat to each other peer
	 * @param timeout silence after which a peer is declared DEAD; longer than
	 * {@code interval}
	 * @param connectTimeout how long a connection attempt may take; a reconnect that does
	 * not succeed within it, right after the peer closed its connection, counts as a
	 * crash
	 */
	public record Heartbeat(@DefaultValue("500ms") Duration interval, @DefaultValue("2s") Duration timeout,
			@DefaultValue("500ms") Duration connectTimeout) {

		public Heartbeat {
			requirePositive("bellwether.heartbeat.interval", interval);
			requirePositive("bellwether.heartbeat.timeout", timeout);
			requirePositive("bellwether.heartbeat.connect-timeout", connectTimeout);
			if (interval.compareTo(timeout) >= 0) {
				throw new InvalidConfigurationException("bellwether.heartbeat.interval (" + interval.toMillis()
						+ "ms) must be shorter than bellwether.heartbeat.timeout (" + timeout.toMillis() + "ms)");
			}
		}

	}

	/**
	 * Election settings.
	 *
	 * @param quorum {@code none}: lowest live id leads; {@code majority}: only while a
	 * strict majority of the group is alive
	 * @param rejoinHold how long a returning lower-id peer must stay alive before it
	 * takes leadership back from a live leader
	 */
	public record Election(@DefaultValue("none") QuorumMode quorum, @DefaultValue("2s") Duration rejoinHold,
			@DefaultValue("false") boolean sticky) {

		public Election {
			if (rejoinHold.isNegative()) {
				throw new InvalidConfigurationException("bellwether.election.rejoin-hold must not be negative");
			}
		}

	}

	private static void requirePositive(String name, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new InvalidConfigurationException(name + " must be positive, got " + value.toMillis() + "ms");
		}
	}

}

package io.bellwether.config;

/**
 * One member of the group: its id and where its heartbeat server listens.
 *
 * @param id non-negative id (0 allowed), unique in the group; the lowest live id leads
 * @param host host name or address of the peer's heartbeat server
 * @param port TCP port of the peer's heartbeat server
 */
public record PeerAddress(int id, String host, int port) {

	public PeerAddress {
		if (id < 0) {
			throw new InvalidConfigurationException("peer id must be a non-negative integer, got " + id);
		}
		if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
			throw new InvalidConfigurationException("peer " + id + " has no valid host");
		}
		if (port < 1 || port > 65535) {
			throw new InvalidConfigurationException("peer " + id + " port " + port + " is out of range 1-65535");
		}
	}

	/**
	 * Parses the property form {@code id@host:port}, e.g. {@code 2@10.0.0.2:7002}.
	 * Spring's conversion service finds this method when binding
	 * {@code bellwether.peers}.
	 * @param text the text to parse
	 * @return the address
	 */
	public static PeerAddress valueOf(String text) {
		String trimmed = text.trim();
		int at = trimmed.indexOf('@');
		int colon = trimmed.lastIndexOf(':');
		if (at <= 0 || colon < at + 2 || colon == trimmed.length() - 1) {
			throw new InvalidConfigurationException(
					"peer '" + trimmed + "' is not of the form id@host:port (e.g. 2@127.0.0.1:7002)");
		}
		return of(trimmed.substring(0, at), trimmed.substring(at + 1, colon), trimmed.substring(colon + 1));
	}

	/**
	 * Builds an address from the three words of the seed command line.
	 * @param id the id word
	 * @param host the host word
	 * @param port the port word
	 * @return the address
	 */
	public static PeerAddress of(String id, String host, String port) {
		return new PeerAddress(parseInt(id, "peer id"), host, parseInt(port, "port of peer " + id));
	}

	private static int parseInt(String word, String what) {
		try {
			return Integer.parseInt(word.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidConfigurationException(what + " must be an integer, got '" + word + "'");
		}
	}

	@Override
	public String toString() {
		return this.id + "@" + this.host + ":" + this.port;
	}

}

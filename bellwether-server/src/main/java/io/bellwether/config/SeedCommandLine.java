package io.bellwether.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The seed-compatible command line: {@code <id> <host> <port> <id> <host> <port> ...},
 * the first triple being this peer, with Spring options ({@code --name=value}) mixed in
 * anywhere. The positional words become {@code --bellwether.self-id} and
 * {@code --bellwether.peers} so that both forms meet in one validated
 * {@link PeerProperties}.
 */
public final class SeedCommandLine {

	private SeedCommandLine() {
	}

	/**
	 * Turns the command line into Spring arguments.
	 * @param args the command line
	 * @return the arguments for {@code SpringApplication.run}
	 * @throws InvalidConfigurationException if the positional words are not id/host/port
	 * triples
	 */
	public static String[] toSpringArguments(String... args) {
		List<String> options = new ArrayList<>();
		List<String> words = new ArrayList<>();
		for (String arg : args) {
			// Spring options start with "--"; a single "-" is a word, e.g. a (bad)
			// negative id.
			if (arg.startsWith("--")) {
				options.add(arg);
			}
			else if (!arg.isBlank()) {
				words.add(arg);
			}
		}
		if (words.isEmpty()) {
			return options.toArray(String[]::new);
		}
		if (words.size() % 3 != 0) {
			throw new InvalidConfigurationException("expected '<id> <host> <port>' triples, the first one this peer, "
					+ "but got " + words.size() + " positional words: " + String.join(" ", words));
		}
		List<PeerAddress> peers = new ArrayList<>();
		for (int i = 0; i < words.size(); i += 3) {
			peers.add(PeerAddress.of(words.get(i), words.get(i + 1), words.get(i + 2)));
		}
		List<String> result = new ArrayList<>();
		result.add("--bellwether.self-id=" + peers.get(0).id());
		result.add("--bellwether.peers=" + peers.stream().map(PeerAddress::toString).collect(Collectors.joining(",")));
		result.addAll(options);
		return result.toArray(String[]::new);
	}

}

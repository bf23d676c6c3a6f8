package io.bellwether.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peer's own start-up figure, from Spring Boot's line
 * {@code Started BellwetherApplication in 1.9 seconds (process running for 2.3)}, logged
 * on {@code ApplicationReadyEvent}: by then the heartbeat server listens and the web
 * server answers. "Process running for" counts from the JVM's start.
 */
final class StartupLog {

	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private StartupLog() {
	}

	/**
	 * Milliseconds from the JVM's start to the application being ready, from the last
	 * start-up line of a log.
	 * @param log the log's text
	 * @return the time, empty if the peer has not said it is ready
	 */
	static OptionalDouble readyMillis(String log) {
		Matcher matcher = STARTED.matcher(log);
		OptionalDouble last = OptionalDouble.empty();
		while (matcher.find()) {
			last = OptionalDouble.of(Double.parseDouble(matcher.group(2)) * 1000);
		}
		return last;
	}

	static OptionalDouble readyMillis(Path log) {
		try {
			return readyMillis(Files.readString(log));
		}
		catch (IOException ex) {
			return OptionalDouble.empty();
		}
	}

}

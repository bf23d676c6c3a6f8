package io.bellwether.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags of a peer process, read from {@code config/jvm.options} at the project
 * root: the file the scripts, the Docker image and the README's {@code java} line use
 * ({@code java @config/jvm.options ...}), so that test peers run as users run them.
 */
public final class JvmFlags {

	/** The argument file, from a module directory (Maven runs tests there). */
	public static final Path FILE = Path.of("..", "config", "jvm.options");

	private JvmFlags() {
	}

	/**
	 * The flags of {@link #FILE}.
	 * @return one element per flag, in file order
	 */
	public static List<String> standard() {
		try {
			return parse(Files.readString(FILE));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the JVM flags from " + FILE.toAbsolutePath(), ex);
		}
	}

	/**
	 * The flags of a java argument file: whitespace-separated words, {@code #} to the end
	 * of the line is a comment (no quoting is used in ours).
	 * @param text the file's content
	 * @return the flags
	 */
	static List<String> parse(String text) {
		return text.lines()
			.map((line) -> line.replaceFirst("#.*", "").strip())
			.filter((line) -> !line.isEmpty())
			.flatMap((line) -> Arrays.stream(line.split("\\s+")))
			.toList();
	}

}

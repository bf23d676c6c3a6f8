package io.bellwether.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM a peer process runs on: its {@code java} executable and flags.
 *
 * @param java the {@code java} executable
 * @param flags the flags before {@code -jar} or {@code -cp}
 */
public record Jvm(Path java, List<String> flags) {

	public Jvm {
		flags = List.copyOf(flags);
	}

	/**
	 * The test's own JDK with the flags of {@code config/jvm.options}: how users run a
	 * peer.
	 * @return the standard JVM
	 */
	public static Jvm standard() {
		return new Jvm(current(), JvmFlags.standard());
	}

	/**
	 * {@code java} of a JDK, with the given flags.
	 * @param javaHome the JDK's home
	 * @param flags its flags
	 * @return the JVM
	 */
	public static Jvm of(Path javaHome, List<String> flags) {
		return new Jvm(javaHome.resolve("bin").resolve("java"), flags);
	}

	/** The {@code java} of the JDK running the tests. */
	public static Path current() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

	/**
	 * This JVM with more flags after its own.
	 * @param more the added flags
	 * @return a new JVM
	 */
	public Jvm withFlags(String... more) {
		List<String> all = new ArrayList<>(this.flags);
		all.addAll(List.of(more));
		return new Jvm(this.java, all);
	}

}

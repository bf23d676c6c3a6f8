package io.bellwether.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A system tool a test needs (browser, driver, promtool): the test is skipped when it is
 * missing, unless {@code BELLWETHER_REQUIRE_TOOLS=1} (set by {@code .ci/run}) makes it
 * fail instead.
 */
public final class RequiredTool {

	private RequiredTool() {
	}

	/**
	 * The tool's path, or skip (fail in CI) when it is not an executable there.
	 * @param path where Debian's package installs it
	 * @param debianPackage the package that provides it
	 * @return the path
	 */
	public static Path at(String path, String debianPackage) {
		Path tool = Path.of(path);
		require(Files.isExecutable(tool),
				path + " is missing: install Debian's " + debianPackage + " (.ci/install-packages.sh)");
		return tool;
	}

	/**
	 * Skips (fails in CI) unless a capability is there.
	 * @param present whether it is
	 * @param message what is missing and how to get it
	 */
	public static void require(boolean present, String message) {
		if (!present) {
			if ("1".equals(System.getenv("BELLWETHER_REQUIRE_TOOLS"))) {
				Assertions.fail(message);
			}
			Assumptions.abort(message);
		}
	}

}

package io.bellwether.config;

import java.nio.file.Path;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged peer ({@code target/bellwether.jar}, after {@code package}: Spring's AOT
 * processing runs in {@code prepare-package}, after the unit tests) carries the generated
 * initializer that {@link AheadOfTimeMode} looks for, so that the jar users run starts on
 * it.
 */
class AheadOfTimeJarIT {

	@Test
	void theJarCarriesTheGeneratedInitializer() throws Exception {
		String entry = "BOOT-INF/classes/" + AheadOfTimeMode.INITIALIZER.replace('.', '/') + ".class";
		try (JarFile jar = new JarFile(Path.of("..", "target", "bellwether.jar").toFile())) {
			assertThat(jar.getEntry(entry)).as(entry).isNotNull();
		}
	}

}

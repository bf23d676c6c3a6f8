package io.bellwether.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.bellwether.testsupport.JvmFlags;
import io.bellwether.testsupport.Jvm;
import io.bellwether.testsupport.PeerCommand;

/**
 * The JVM configurations the benchmark compares ({@code -Dbenchmark.jvm}):
 * <ul>
 * <li>{@code plain}: {@code java -jar}, no flags, JDK 17;</li>
 * <li>{@code flags}: {@code config/jvm.options}, JDK 17;</li>
 * <li>{@code cds}: the flags plus an AppCDS archive recorded on the extracted jar
 * ({@code -XX:ArchiveClassesAtExit}, {@code -Dspring.context.exit=onRefresh});</li>
 * <li>{@code aot25}: JDK 25 ({@code -Dbenchmark.jdk25}), the flags plus an AOT cache
 * ({@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}).</li>
 * </ul>
 */
enum JvmConfig {

	PLAIN, FLAGS, CDS, AOT25;

	/** Where Temurin 25 is unless {@code -Dbenchmark.jdk25} says otherwise. */
	static final Path JDK25 = Path.of(System.getProperty("benchmark.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

	static JvmConfig named(String name) {
		return valueOf(name.strip().toUpperCase(Locale.ROOT));
	}

	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Builds what the configuration needs (extracted jar, archive or cache: a training
	 * run that stops after the context's refresh) in {@code dir}.
	 * @param dir a working directory of this configuration
	 * @return how peers are launched
	 * @throws IOException if a preparation step fails
	 * @throws InterruptedException if interrupted
	 */
	Launch prepare(Path dir) throws IOException, InterruptedException {
		Files.createDirectories(dir);
		return switch (this) {
			case PLAIN -> new Launch(new Jvm(Jvm.current(), List.of()), PeerCommand.JAR);
			case FLAGS -> new Launch(Jvm.standard(), PeerCommand.JAR);
			case CDS -> trained(Jvm.standard(), dir, "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", "app.jsa");
			case AOT25 ->
				trained(Jvm.of(JDK25, JvmFlags.standard()), dir, "-XX:AOTCacheOutput=", "-XX:AOTCache=", "app.aot");
		};
	}

	private static Launch trained(Jvm jvm, Path dir, String record, String use, String file)
			throws IOException, InterruptedException {
		Path extracted = dir.resolve("app");
		Path archive = dir.resolve(file).toAbsolutePath();
		run(dir, "extract",
				new ProcessBuilder(jvm.java().toString(), "-Djarmode=tools", "-jar",
						PeerCommand.JAR.toAbsolutePath().toString(), "extract", "--force", "--destination",
						extracted.toAbsolutePath().toString()));
		Path jar = extracted.resolve("bellwether.jar");
		Files.deleteIfExists(archive);
		ProcessBuilder training = PeerCommand.group(2)
			.withPropertyForm()
			.withJar(jar)
			.withJvm(jvm.withFlags(record + archive, "-Dspring.context.exit=onRefresh"))
			.processBuilder(1);
		run(dir, "training", training);
		if (!Files.isRegularFile(archive)) {
			throw new IllegalStateException(
					"the training run wrote no " + archive + ": see " + dir.resolve("training.log"));
		}
		return new Launch(jvm.withFlags(use + archive), jar);
	}

	private static void run(Path dir, String step, ProcessBuilder builder) throws IOException, InterruptedException {
		Path log = dir.resolve(step + ".log");
		Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException(step + " did not end: see " + log);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(step + " failed (exit " + process.exitValue() + "): see " + log);
		}
	}

	/**
	 * How the peers of this configuration start.
	 *
	 * @param jvm java and its flags
	 * @param jar the jar to run
	 */
	record Launch(Jvm jvm, Path jar) {

		PeerCommand group(int size) {
			return PeerCommand.group(size).withJvm(this.jvm).withJar(this.jar);
		}

	}

}

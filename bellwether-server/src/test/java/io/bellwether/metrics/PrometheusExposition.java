package io.bellwether.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scraped Prometheus text exposition: checked with {@code promtool check metrics} (the
 * reference parser and linter), then read sample by sample for assertions.
 */
public final class PrometheusExposition {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)( \\S+)?$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

	private final String text;

	private final List<Sample> samples = new ArrayList<>();

	public PrometheusExposition(String text) {
		this.text = text;
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher sample = SAMPLE.matcher(line);
			if (!sample.matches()) {
				throw new IllegalArgumentException("not a sample line: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(3) != null) {
				Matcher label = LABEL.matcher(sample.group(3));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			this.samples.add(new Sample(sample.group(1), labels,
					Double.parseDouble(sample.group(4).replace("+Inf", "Infinity").replace("-Inf", "-Infinity"))));
		}
	}

	String text() {
		return this.text;
	}

	/**
	 * Only the lines of metric families whose name starts with the prefix.
	 * @param prefix e.g. {@code bellwether_}
	 * @return those families, HELP and TYPE lines included
	 */
	String families(String prefix) {
		StringBuilder kept = new StringBuilder();
		for (String line : this.text.split("\n")) {
			String name = line.startsWith("# ") ? line.split(" ", 4)[2] : line;
			if (name.startsWith(prefix)) {
				kept.append(line).append('\n');
			}
		}
		return kept.toString();
	}

	List<Sample> samples() {
		return this.samples;
	}

	Optional<Double> value(String name, String... labels) {
		Map<String, String> wanted = new LinkedHashMap<>();
		for (int i = 0; i < labels.length; i += 2) {
			wanted.put(labels[i], labels[i + 1]);
		}
		return this.samples.stream()
			.filter((sample) -> sample.name().equals(name) && sample.labels().equals(wanted))
			.map(Sample::value)
			.findFirst();
	}

	/**
	 * The value of the first sample of a metric, whatever its labels.
	 * @param name the sample's name, e.g. {@code application_ready_time_seconds}
	 * @return its value, empty if the exposition has none
	 */
	public Optional<Double> first(String name) {
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).map(Sample::value).findFirst();
	}

	double require(String name, String... labels) {
		return value(name, labels).orElseThrow(
				() -> new AssertionError("no sample " + name + " " + String.join(",", labels) + " in the exposition"));
	}

	/**
	 * Runs {@code promtool check metrics} on some exposition text.
	 * @param promtool the tool
	 * @param exposition the text
	 * @return its exit code (0 clean, 3 lint problems, 1 not parseable) and output
	 */
	static Check check(Path promtool, String exposition) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
		try (OutputStream in = process.getOutputStream()) {
			in.write(exposition.getBytes(StandardCharsets.UTF_8));
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("promtool did not finish");
		}
		return new Check(process.exitValue(), output);
	}

	record Sample(String name, Map<String, String> labels, double value) {
	}

	record Check(int exitCode, String output) {

		List<String> problems() {
			return output.lines().filter((line) -> !line.isBlank()).toList();
		}

	}

}

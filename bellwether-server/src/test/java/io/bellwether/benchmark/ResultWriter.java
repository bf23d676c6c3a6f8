package io.bellwether.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The results: a JSON file for machines, a table for people.
 */
final class ResultWriter {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ResultWriter() {
	}

	/**
	 * The whole run as JSON: the run's settings, then per scenario its trials, figures
	 * (count/min/median/p95/max) and counts.
	 * @param run settings of the run (JVM, trials, peers, load, date, ...)
	 * @param results every scenario's figures
	 * @return the JSON text
	 */
	static String json(Map<String, Object> run, List<Figures> results) {
		Map<String, Object> root = new LinkedHashMap<>(run);
		Map<String, Object> scenarios = new LinkedHashMap<>();
		for (Figures figures : results) {
			Map<String, Object> scenario = new LinkedHashMap<>();
			scenario.put("trials", figures.trials());
			scenario.put("failed", figures.failed());
			Map<String, Object> values = new LinkedHashMap<>();
			figures.values().forEach((name, stats) -> values.put(name, summary(stats)));
			scenario.put("figures", values);
			scenario.put("counts", figures.counts());
			scenario.put("notes", figures.notes());
			scenarios.put(figures.scenario(), scenario);
		}
		root.put("scenarios", scenarios);
		return JSON.writeValueAsString(root);
	}

	private static Map<String, Object> summary(Stats stats) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("n", stats.count());
		summary.put("min", stats.min());
		summary.put("median", stats.median());
		summary.put("p95", stats.p95());
		summary.put("max", stats.max());
		return summary;
	}

	/**
	 * The figures as a table, one line per figure and count.
	 * @param jvm the JVM configuration
	 * @param results every scenario's figures
	 * @return the table
	 */
	static String table(String jvm, List<Figures> results) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%-16s %-54s %4s %9s %9s %9s %9s%n", "scenario [" + jvm + "]", "figure",
				"n", "min", "median", "p95", "max"));
		for (Figures figures : results) {
			String name = figures.scenario() + " (" + (figures.trials() - figures.failed()) + "/" + figures.trials()
					+ ")";
			for (Map.Entry<String, Stats> entry : figures.values().entrySet()) {
				Stats stats = entry.getValue();
				out.append(String.format(Locale.ROOT, "%-16s %-54s %4d %9.1f %9.1f %9.1f %9.1f%n", name, entry.getKey(),
						stats.count(), stats.min(), stats.median(), stats.p95(), stats.max()));
				name = "";
			}
			for (Map.Entry<String, Long> entry : figures.counts().entrySet()) {
				out.append(String.format(Locale.ROOT, "%-16s %-54s %4s %9d%n", name, entry.getKey(), "",
						entry.getValue()));
				name = "";
			}
			for (String note : figures.notes()) {
				out.append(String.format(Locale.ROOT, "%-16s %s%n", name, note));
				name = "";
			}
		}
		return out.toString();
	}

	static void write(Path file, String text) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

}

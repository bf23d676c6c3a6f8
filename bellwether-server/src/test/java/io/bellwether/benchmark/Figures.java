package io.bellwether.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured over its trials: distributions (names carry their unit, e.g.
 * {@code "agreement ms"}), counts (e.g. spurious leader changes) and remarks.
 */
final class Figures {

	private final String scenario;

	private final Map<String, Stats> values = new LinkedHashMap<>();

	private final Map<String, Long> counts = new LinkedHashMap<>();

	private final List<String> notes = new ArrayList<>();

	private int trials;

	private int failed;

	Figures(String scenario) {
		this.scenario = scenario;
	}

	String scenario() {
		return this.scenario;
	}

	synchronized void add(String figure, double value) {
		this.values.computeIfAbsent(figure, (name) -> new Stats()).add(value);
	}

	synchronized void count(String counter, long amount) {
		this.counts.merge(counter, amount, Long::sum);
	}

	synchronized void note(String note) {
		this.notes.add(note);
	}

	synchronized void trialDone(boolean ok) {
		this.trials++;
		if (!ok) {
			this.failed++;
		}
	}

	synchronized Map<String, Stats> values() {
		return new LinkedHashMap<>(this.values);
	}

	synchronized Map<String, Long> counts() {
		return new LinkedHashMap<>(this.counts);
	}

	synchronized List<String> notes() {
		return List.copyOf(this.notes);
	}

	synchronized int trials() {
		return this.trials;
	}

	synchronized int failed() {
		return this.failed;
	}

}

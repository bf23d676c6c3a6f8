package io.bellwether.config;

import java.io.PrintStream;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Prints an analysed start-up failure as a single line on standard error, e.g.
 * {@code bellwether: cannot start: invalid configuration: duplicate peer id 2 in the peer list}.
 * Spring Boot's multi-line report is switched off in {@code application.properties}.
 */
final class OneLineFailureReporter implements FailureAnalysisReporter {

	private final PrintStream out;

	OneLineFailureReporter() {
		this(System.err);
	}

	OneLineFailureReporter(PrintStream out) {
		this.out = out;
	}

	@Override
	public void report(FailureAnalysis analysis) {
		this.out.println("bellwether: cannot start: " + oneLine(analysis.getDescription()));
		this.out.flush();
	}

	static String oneLine(String text) {
		return text.strip().replaceAll("\\s*\\R\\s*", " ");
	}

}

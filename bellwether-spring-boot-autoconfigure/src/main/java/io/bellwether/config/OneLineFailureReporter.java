package io.bellwether.config;

import java.io.PrintStream;
import java.util.function.BooleanSupplier;

import org.slf4j.LoggerFactory;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Prints an analysed start-up failure as a single line on standard error, e.g.
 * {@code bellwether: cannot start: invalid configuration: duplicate peer id 2 in the peer list}.
 * <p>
 * The standalone peer switches Spring Boot's multi-line report off in its
 * {@code application.properties}
 * ({@code logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=off});
 * then every analysed failure is printed here, as one line. In an application that keeps
 * Spring Boot's report (the default when Bellwether is embedded), only Bellwether's own
 * configuration problems are printed here, and Spring Boot reports everything else as
 * usual.
 */
final class OneLineFailureReporter implements FailureAnalysisReporter {

	private static final String BOOT_REPORTER = "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter";

	private final PrintStream out;

	private final BooleanSupplier reportAll;

	OneLineFailureReporter() {
		this(System.err, () -> !LoggerFactory.getLogger(BOOT_REPORTER).isErrorEnabled());
	}

	OneLineFailureReporter(PrintStream out) {
		this(out, () -> true);
	}

	OneLineFailureReporter(PrintStream out, BooleanSupplier reportAll) {
		this.out = out;
		this.reportAll = reportAll;
	}

	@Override
	public void report(FailureAnalysis analysis) {
		if (!ConfigurationFailureAnalyzer.isBellwether(analysis) && !this.reportAll.getAsBoolean()) {
			return;
		}
		this.out.println("bellwether: cannot start: " + oneLine(analysis.getDescription()));
		this.out.flush();
	}

	static String oneLine(String text) {
		return text.strip().replaceAll("\\s*\\R\\s*", " ");
	}

}

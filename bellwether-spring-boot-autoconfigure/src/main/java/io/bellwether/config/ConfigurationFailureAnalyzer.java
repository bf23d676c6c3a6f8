package io.bellwether.config;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Turns a failure to bind {@code bellwether.*} into one sentence naming the property and
 * the problem, ahead of Spring Boot's own (multi-line) analysis of binding failures.
 */
final class ConfigurationFailureAnalyzer implements FailureAnalyzer, Ordered {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("bellwether");

	private static final String DESCRIPTION = "invalid configuration: ";

	/**
	 * Whether an analysis is one of ours.
	 * @param analysis the analysis
	 * @return whether it describes a Bellwether configuration problem
	 */
	static boolean isBellwether(FailureAnalysis analysis) {
		return analysis.getDescription() != null && analysis.getDescription().startsWith(DESCRIPTION);
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		InvalidConfigurationException invalid = findCause(failure, InvalidConfigurationException.class);
		if (invalid != null) {
			return new FailureAnalysis(DESCRIPTION + invalid.getMessage(), "fix the configuration", failure);
		}
		BindException bind = findCause(failure, BindException.class);
		if (bind != null && isBellwether(bind.getName())) {
			return new FailureAnalysis(DESCRIPTION + describe(bind), "fix the configuration", failure);
		}
		return null;
	}

	/**
	 * {@code bellwether} or below it, but not a lookalike such as
	 * {@code bellwether-tools}.
	 */
	private static boolean isBellwether(ConfigurationPropertyName name) {
		return PREFIX.equals(name) || PREFIX.isAncestorOf(name);
	}

	private static String describe(BindException bind) {
		String name = (bind.getProperty() != null) ? bind.getProperty().getName().toString()
				: bind.getName().toString();
		Object value = (bind.getProperty() != null) ? bind.getProperty().getValue() : null;
		Class<?> type = bind.getTarget().getType().resolve(Object.class);
		StringBuilder text = new StringBuilder();
		text.append(name);
		if (value != null) {
			text.append("='").append(value).append("'");
		}
		if (type.isEnum()) {
			text.append(" is not one of ")
				.append(Arrays.stream(type.getEnumConstants())
					.map((constant) -> ((Enum<?>) constant).name().toLowerCase())
					.collect(Collectors.joining(", ")));
		}
		else {
			text.append(" cannot be read as ").append(friendlyName(type));
			Throwable root = rootCause(bind);
			if (root != bind && root.getMessage() != null) {
				text.append(" (").append(root.getMessage()).append(")");
			}
		}
		return text.toString();
	}

	private static String friendlyName(Class<?> type) {
		return switch (type.getSimpleName()) {
			case "Duration" -> "a duration (e.g. 500ms, 2s)";
			case "Integer", "int" -> "an integer";
			default -> "a " + type.getSimpleName();
		};
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}

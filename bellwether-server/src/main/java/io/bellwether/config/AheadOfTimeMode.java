package io.bellwether.config;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.springframework.aot.AotDetector;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.util.ClassUtils;

/**
 * Whether the standalone peer runs on the bean definitions Spring's AOT processing
 * generated at build time ({@code BellwetherApplication__ApplicationContextInitializer}
 * and the {@code __BeanDefinitions} classes in the jar) instead of parsing configuration
 * classes and evaluating conditions at every start: about 30 % less CPU to start and ~10
 * MB less memory (docs/failover.md, "Start-up and footprint").
 * <p>
 * On by default whenever the generated classes are on the class path; an explicit
 * {@code -Dspring.aot.enabled=false} (or {@code true}) is left as given, and the build's
 * own AOT processing run (a fresh context whose code is being generated) never uses it.
 * The price of AOT: properties that switch auto-configuration on or off
 * ({@code bellwether.web.enabled}, {@code management.endpoints.web.exposure.include},
 * ...) are fixed at build time; start with {@code -Dspring.aot.enabled=false} to have
 * them evaluated at start again.
 */
public final class AheadOfTimeMode {

	/** The system property Spring reads ({@code AotDetector}). */
	static final String PROPERTY = AotDetector.AOT_ENABLED;

	/**
	 * Set by Spring while it generates the code at build time (which must not use it).
	 */
	static final String PROCESSING = AbstractAotProcessor.AOT_PROCESSING;

	static final String INITIALIZER = "io.bellwether.BellwetherApplication__ApplicationContextInitializer";

	private AheadOfTimeMode() {
	}

	/** Applies the decision to this JVM; call before the application runs. */
	public static void apply() {
		if (decide(System::getProperty,
				(className) -> ClassUtils.isPresent(className, AheadOfTimeMode.class.getClassLoader()))) {
			System.setProperty(PROPERTY, "true");
		}
	}

	/**
	 * Whether to switch AOT mode on.
	 * @param systemProperty reads a system property
	 * @param classPresent whether a class is on the class path
	 * @return whether {@value #PROPERTY} should be set to {@code true}
	 */
	static boolean decide(UnaryOperator<String> systemProperty, Predicate<String> classPresent) {
		return systemProperty.apply(PROPERTY) == null && systemProperty.apply(PROCESSING) == null
				&& classPresent.test(INITIALIZER);
	}

}

package io.bellwether.config;

import java.security.Security;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How long the JVM caches host name lookups. Peers are found by name (compose service
 * names, Kubernetes pod names under a headless Service), and a peer that is rescheduled
 * comes back under the same name with a new address, or a name that does not resolve yet
 * starts to: the JVM's defaults (30 s for found names, 10 s for names not found) would
 * hold the old answer that long. Bellwether's defaults are 5 s and 0 s.
 * <p>
 * The JDK's {@code java.security} file sets {@code networkaddress.cache.negative.ttl=10},
 * and a security property wins over the system property
 * {@code -Dsun.net.inetaddr.negative.ttl}, which therefore does nothing by itself; here
 * the system properties, when given, are copied to the security properties so that they
 * do what they say. Must run before the first lookup: the JVM reads the policy once.
 */
public final class DnsCachePolicy {

	static final String TTL = "networkaddress.cache.ttl";

	static final String NEGATIVE_TTL = "networkaddress.cache.negative.ttl";

	static final String TTL_FLAG = "sun.net.inetaddr.ttl";

	static final String NEGATIVE_TTL_FLAG = "sun.net.inetaddr.negative.ttl";

	/** Seconds a found name is cached unless configured otherwise. */
	static final String DEFAULT_TTL = "5";

	/** Seconds a name not found is cached unless configured otherwise. */
	static final String DEFAULT_NEGATIVE_TTL = "0";

	private DnsCachePolicy() {
	}

	/** Applies the policy to this JVM. */
	public static void apply() {
		decide(System::getProperty, Security::getProperty).forEach(Security::setProperty);
	}

	/**
	 * The security properties to set.
	 * @param systemProperty reads a system property ({@code -D})
	 * @param securityProperty reads a security property
	 * @return name to value
	 */
	static Map<String, String> decide(UnaryOperator<String> systemProperty, UnaryOperator<String> securityProperty) {
		Map<String, String> settings = new LinkedHashMap<>();
		String ttlFlag = systemProperty.apply(TTL_FLAG);
		if (ttlFlag != null) {
			settings.put(TTL, ttlFlag.strip());
		}
		else if (securityProperty.apply(TTL) == null) {
			settings.put(TTL, DEFAULT_TTL);
		}
		String negativeFlag = systemProperty.apply(NEGATIVE_TTL_FLAG);
		settings.put(NEGATIVE_TTL, (negativeFlag != null) ? negativeFlag.strip() : DEFAULT_NEGATIVE_TTL);
		return settings;
	}

}

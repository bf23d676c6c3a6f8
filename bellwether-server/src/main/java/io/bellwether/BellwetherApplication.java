package io.bellwether;

import io.bellwether.config.AheadOfTimeMode;
import io.bellwether.config.DnsCachePolicy;
import io.bellwether.config.EarlyConfigurationCheck;
import io.bellwether.config.InvalidConfigurationException;
import io.bellwether.config.SeedCommandLine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * Entry point. Accepts the seed's positional form
 * ({@code <id> <host> <port> <id> <host> <port> ...}, first triple = this peer) mixed
 * with Spring options, or the property form ({@code bellwether.self-id},
 * {@code bellwether.peers}).
 * <p>
 * No component scan: every Bellwether bean comes from the auto-configuration in
 * {@code bellwether-spring-boot-autoconfigure}, exactly as in an application that embeds
 * Bellwether through the starter; {@code application.properties} switches the web
 * endpoints on ({@code bellwether.web.enabled=true}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BellwetherApplication {

	public static void main(String[] args) {
		// before any host name is looked up: peers are found by name, and names move
		DnsCachePolicy.apply();
		AheadOfTimeMode.apply();
		String[] springArgs;
		try {
			springArgs = SeedCommandLine.toSpringArguments(args);
		}
		catch (InvalidConfigurationException ex) {
			System.err.println("bellwether: cannot start: invalid configuration: " + ex.getMessage());
			System.exit(2);
			return;
		}
		try {
			SpringApplication application = new SpringApplication(BellwetherApplication.class);
			application.addListeners(new EarlyConfigurationCheck());
			application.run(springArgs);
		}
		catch (SpringApplication.AbandonedRunException ex) {
			// not a failure: a build step (Spring's AOT processing) or a training run for
			// a CDS archive or AOT cache stopped the run once it had what it needed
			throw ex;
		}
		catch (RuntimeException ex) {
			// Already reported (one line for configuration problems) by Spring Boot.
			System.exit(1);
		}
	}

}

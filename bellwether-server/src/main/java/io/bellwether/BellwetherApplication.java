package io.bellwether;

import io.bellwether.config.DnsCachePolicy;
import io.bellwether.config.EarlyConfigurationCheck;
import io.bellwether.config.InvalidConfigurationException;
import io.bellwether.config.SeedCommandLine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point. Accepts the seed's positional form
 * ({@code <id> <host> <port> <id> <host> <port> ...}, first triple = this peer) mixed
 * with Spring options, or the property form ({@code bellwether.self-id},
 * {@code bellwether.peers}).
 */
@SpringBootApplication
public class BellwetherApplication {

	public static void main(String[] args) {
		// before any host name is looked up: peers are found by name, and names move
		DnsCachePolicy.apply();
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
		catch (RuntimeException ex) {
			// Already reported (one line for configuration problems) by Spring Boot.
			System.exit(1);
		}
	}

}

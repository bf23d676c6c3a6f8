package io.bellwether.examples.leaderjob;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Three (or more) instances of this application, started with {@code bellwether.self-id}
 * and {@code bellwether.peers}, elect a leader; {@link LeaderJob} runs only there.
 */
@SpringBootApplication
@EnableScheduling
public class LeaderJobApplication {

	public static void main(String[] args) {
		SpringApplication.run(LeaderJobApplication.class, args);
	}

}

package io.bellwether.examples.leaderjob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalLong;

import io.bellwether.ClusterLeadership;
import io.bellwether.LeaderOnly;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The leader-only job: every {@code job.interval} the leader works for {@code job.work}
 * and then appends one line {@code <selfId> <term> <startMillis> <endMillis>} to
 * {@code job.file}. On the other instances the call is skipped.
 */
@Component
public class LeaderJob {

	private final ClusterLeadership leadership;

	private final Path file;

	private final Duration work;

	public LeaderJob(ClusterLeadership leadership, @Value("${job.file:leader-job.log}") Path file,
			@Value("${job.work:50ms}") Duration work) {
		this.leadership = leadership;
		this.file = file;
		this.work = work;
	}

	@LeaderOnly
	@Scheduled(fixedDelayString = "${job.interval:100ms}")
	public void run() throws InterruptedException {
		// the fencing token: pass it with every write, e.g.
		// UPDATE jobs SET ..., fencing_term = :term WHERE id = :id AND fencing_term <=
		// :term
		OptionalLong term = this.leadership.fencingToken();
		if (term.isEmpty()) {
			return;
		}
		long start = System.currentTimeMillis();
		Thread.sleep(this.work.toMillis());
		long end = System.currentTimeMillis();
		String line = this.leadership.selfId() + " " + term.getAsLong() + " " + start + " " + end + "\n";
		try {
			Files.writeString(this.file, line, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

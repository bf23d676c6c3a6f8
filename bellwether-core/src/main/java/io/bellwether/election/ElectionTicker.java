package io.bellwether.election;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import lombok.extern.slf4j.Slf4j;

import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link ElectionService#tick()} every {@value ElectionService#TICK_MILLIS} ms on
 * its own thread {@code bellwether-election}: an application's {@code @Scheduled} jobs,
 * which share Spring's task scheduler, can never delay failure detection or election. A
 * tick that throws is logged and the next one runs as usual.
 */
@Slf4j
public final class ElectionTicker implements SmartLifecycle {

	/** With the transport: starts after the heartbeat client, stops before it. */
	public static final int PHASE = 2;

	private final ElectionService election;

	private ScheduledExecutorService executor;

	public ElectionTicker(ElectionService election) {
		this.election = election;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "bellwether-election");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleWithFixedDelay(this::tick, ElectionService.TICK_MILLIS, ElectionService.TICK_MILLIS,
				TimeUnit.MILLISECONDS);
	}

	private void tick() {
		try {
			this.election.tick();
		}
		catch (RuntimeException ex) {
			log.error("election tick failed; the next one runs as usual", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor == null) {
			return;
		}
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

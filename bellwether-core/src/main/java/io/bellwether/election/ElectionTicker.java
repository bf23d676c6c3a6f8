package io.bellwether.election;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import lombok.extern.slf4j.Slf4j;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the election's tick (failure detector timeouts, then the election rule) every
 * {@value ElectionService#TICK_MILLIS} ms on a thread of its own,
 * {@code bellwether-election}: never on the application's scheduler, where a long
 * {@code @Scheduled} job of the application could hold it up.
 */
@Slf4j
public final class ElectionTicker implements SmartLifecycle {

	private final ElectionService election;

	private volatile ScheduledExecutorService executor;

	public ElectionTicker(ElectionService election) {
		this.election = election;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "bellwether-election");
			thread.setDaemon(true);
			return thread;
		});
		ticker.scheduleWithFixedDelay(this::tick, 0, ElectionService.TICK_MILLIS, TimeUnit.MILLISECONDS);
		this.executor = ticker;
	}

	private void tick() {
		try {
			this.election.tick();
		}
		catch (RuntimeException ex) {
			// one failed tick must not end the ticker
			log.error("election tick failed", ex);
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService ticker = this.executor;
		this.executor = null;
		if (ticker != null) {
			ticker.shutdownNow();
			try {
				ticker.awaitTermination(1, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	/** Before the heartbeat server (0) starts, after the client (1) stops. */
	@Override
	public int getPhase() {
		return -1;
	}

}

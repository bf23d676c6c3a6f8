package io.bellwether.autoconfigure;

import io.bellwether.LeadershipListener;
import io.bellwether.dispatch.LeadershipEventDispatcher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@code bellwether-events} thread first (so every change the core reports is
 * delivered), registers the application's {@link LeadershipListener} beans, and ends the
 * thread last.
 */
final class EventThreadLifecycle implements SmartLifecycle {

	private final LeadershipEventDispatcher dispatcher;

	private final ObjectProvider<LeadershipListener> listeners;

	private volatile boolean running;

	EventThreadLifecycle(LeadershipEventDispatcher dispatcher, ObjectProvider<LeadershipListener> listeners) {
		this.dispatcher = dispatcher;
		this.listeners = listeners;
	}

	@Override
	public void start() {
		this.listeners.orderedStream().forEach(this.dispatcher::addListener);
		this.dispatcher.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.dispatcher.stop(StepDownOnShutdown.BOUND);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.EVENTS;
	}

}

package io.bellwether.autoconfigure;

/**
 * Lifecycle phases of an embedded peer (lower starts first and stops last): the event
 * thread before anything can report a change, then the election ticker, the heartbeat
 * server (0) and client (1), and the shutdown step-down before the client's LEAVE.
 */
final class LifecyclePhases {

	static final int EVENTS = -2;

	static final int STEP_DOWN = 2;

	private LifecyclePhases() {
	}

}

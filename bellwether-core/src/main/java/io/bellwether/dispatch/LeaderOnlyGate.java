package io.bellwether.dispatch;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Admits calls of {@link io.bellwether.LeaderOnly @LeaderOnly} methods: a call runs only
 * if the gate is open and this peer leads at the moment the call starts. On shutdown the
 * gate closes (no new call is admitted) and waits for the running ones, so that the
 * revocation reaches the application, and LEAVE the other peers, only after the last
 * leader-only body has returned. One monitor guards the state.
 */
public final class LeaderOnlyGate {

	private final BooleanSupplier isLeader;

	private boolean open;

	private int running;

	/**
	 * A closed gate; {@link #open()} opens it.
	 * @param isLeader whether this peer leads now (asked at every call)
	 */
	public LeaderOnlyGate(BooleanSupplier isLeader) {
		this.isLeader = isLeader;
	}

	/**
	 * Admits a call, or not.
	 * @return whether the call may run; if so, {@link #exit()} must follow
	 */
	public boolean tryEnter() {
		synchronized (this) {
			if (!this.open || !this.isLeader.getAsBoolean()) {
				return false;
			}
			this.running++;
			return true;
		}
	}

	/** An admitted call returned (or threw). */
	public synchronized void exit() {
		this.running--;
		notifyAll();
	}

	/** Admits calls from now on (while this peer leads). */
	public synchronized void open() {
		this.open = true;
	}

	/**
	 * Admits no call from now on and waits for the running ones to return.
	 * @param bound how long to wait at most
	 * @return whether none is running any more
	 */
	public synchronized boolean closeAndAwait(Duration bound) {
		this.open = false;
		long deadline = System.nanoTime() + bound.toNanos();
		while (this.running > 0) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			try {
				wait(Math.max(1, left / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	/**
	 * Calls running now.
	 * @return how many admitted calls have not returned yet
	 */
	public synchronized int running() {
		return this.running;
	}

}

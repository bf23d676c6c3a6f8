package io.bellwether.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;

import io.bellwether.LeaderOnly;
import lombok.extern.slf4j.Slf4j;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

/**
 * Runs a {@link LeaderOnly} method only while this peer leads (asked at the start of each
 * call), and lets a shutdown wait for calls still running: {@link #close(Duration)}
 * admits no new call and waits for the running ones.
 */
@Slf4j
final class LeaderOnlyInterceptor implements MethodInterceptor {

	private final BooleanSupplier leading;

	/** Calls hold the read lock while they run; closing takes the write lock. */
	private final ReentrantReadWriteLock running = new ReentrantReadWriteLock();

	private volatile boolean closed;

	LeaderOnlyInterceptor(BooleanSupplier leading) {
		this.leading = leading;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		if (this.closed || !this.leading.getAsBoolean()) {
			log.trace("skipping {}: this peer is not the leader", invocation.getMethod());
			return null;
		}
		if (!this.running.readLock().tryLock()) {
			return null;
		}
		try {
			if (this.closed) {
				return null;
			}
			return invocation.proceed();
		}
		finally {
			this.running.readLock().unlock();
		}
	}

	/**
	 * Admits no new call and waits for the running ones to return.
	 * @param bound how long to wait at most
	 * @return whether no call is running any more
	 */
	boolean close(Duration bound) {
		this.closed = true;
		try {
			if (this.running.writeLock().tryLock(bound.toNanos(), TimeUnit.NANOSECONDS)) {
				this.running.writeLock().unlock();
				return true;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		log.warn("@LeaderOnly calls still running after {} ms; leaving anyway", bound.toMillis());
		return false;
	}

}

package io.bellwether.membership;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that never jumps: wall time at creation plus {@link System#nanoTime()}
 * elapsed since. Failure detection measures silences with it, so an NTP step cannot kill
 * a peer.
 */
public final class MonotonicClock extends Clock {

	private final Instant origin;

	private final long originNanos;

	public MonotonicClock() {
		this.origin = Instant.now();
		this.originNanos = System.nanoTime();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("MonotonicClock is always UTC");
	}

	@Override
	public Instant instant() {
		return this.origin.plusNanos(System.nanoTime() - this.originNanos);
	}

}

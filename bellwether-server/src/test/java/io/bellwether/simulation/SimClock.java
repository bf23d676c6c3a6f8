package io.bellwether.simulation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * One simulated peer's clock: its own arbitrary origin and a rate within the drift bound
 * of real (simulated) time. Monotonic, like the production {@code MonotonicClock}.
 */
final class SimClock extends Clock {

	private static final long BASE_NANOS = Instant.parse("2026-11-24T10:00:00Z").getEpochSecond() * 1_000_000_000L;

	private final LongSupplier realNanos;

	private final long offsetNanos;

	private final double rate;

	/**
	 * @param realNanos the simulation's real time
	 * @param offsetNanos this clock's value at real time 0, after the base instant
	 * @param rate how fast it runs against real time (1 ± drift)
	 */
	SimClock(LongSupplier realNanos, long offsetNanos, double rate) {
		this.realNanos = realNanos;
		this.offsetNanos = offsetNanos;
		this.rate = rate;
	}

	/** Real nanoseconds for a duration of this clock. */
	long realNanosFor(long localNanos) {
		return (long) Math.ceil(localNanos / this.rate);
	}

	double rate() {
		return this.rate;
	}

	long nanos() {
		return BASE_NANOS + this.offsetNanos + (long) (this.realNanos.getAsLong() * this.rate);
	}

	@Override
	public long millis() {
		return Math.floorDiv(nanos(), 1_000_000L);
	}

	@Override
	public Instant instant() {
		long nanos = nanos();
		return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}

package io.bellwether.benchmark;

import org.HdrHistogram.Histogram;

/**
 * The values of one figure over all trials (milliseconds, megabytes, percent): count,
 * min, median, p95, max. Kept in an HdrHistogram at a thousandth of the unit, four
 * significant digits.
 */
final class Stats {

	private static final double SCALE = 1000.0;

	private final Histogram histogram = new Histogram(4);

	void add(double value) {
		this.histogram.recordValue(Math.max(0, Math.round(value * SCALE)));
	}

	long count() {
		return this.histogram.getTotalCount();
	}

	double min() {
		return this.histogram.getMinValue() / SCALE;
	}

	double median() {
		return percentile(50);
	}

	double p95() {
		return percentile(95);
	}

	double max() {
		return this.histogram.getMaxValue() / SCALE;
	}

	/**
	 * The value at or below which {@code percent} of the values lie (the nearest rank).
	 * @param percent 0 to 100
	 * @return the value, 0 when there is none
	 */
	double percentile(double percent) {
		return (count() == 0) ? 0 : this.histogram.getValueAtPercentile(percent) / SCALE;
	}

}

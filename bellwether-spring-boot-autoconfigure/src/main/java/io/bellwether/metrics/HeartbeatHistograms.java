package io.bellwether.metrics;

import java.time.Duration;
import java.util.Arrays;

import io.bellwether.config.PeerProperties;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Histogram buckets for the transport's timers, placed around the configured heartbeat
 * interval and timeout so that a histogram answers the operator's question: do heartbeats
 * arrive on time, late, or too late?
 */
final class HeartbeatHistograms {

	private HeartbeatHistograms() {
	}

	static final String INTERARRIVAL = "bellwether.heartbeat.interarrival";

	static final String CONNECT = "bellwether.connect.duration";

	static MeterFilter filter(PeerProperties properties) {
		Duration interval = properties.heartbeat().interval();
		Duration timeout = properties.heartbeat().timeout();
		double[] interarrival = buckets(interval.dividedBy(2), interval.multipliedBy(9).dividedBy(10), interval,
				interval.multipliedBy(11).dividedBy(10), interval.multipliedBy(3).dividedBy(2),
				interval.multipliedBy(2), timeout, timeout.multipliedBy(2), timeout.multipliedBy(5));
		double[] connect = buckets(Duration.ofNanos(100_000), Duration.ofMillis(1), Duration.ofMillis(5),
				Duration.ofMillis(25), Duration.ofMillis(100), properties.heartbeat().connectTimeout());
		return new MeterFilter() {

			@Override
			public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
				if (INTERARRIVAL.equals(id.getName())) {
					return DistributionStatisticConfig.builder()
						.serviceLevelObjectives(interarrival)
						.build()
						.merge(config);
				}
				if (CONNECT.equals(id.getName())) {
					return DistributionStatisticConfig.builder().serviceLevelObjectives(connect).build().merge(config);
				}
				return config;
			}

		};
	}

	/**
	 * Distinct, ascending bucket bounds in nanoseconds (Micrometer's unit for timers).
	 */
	private static double[] buckets(Duration... bounds) {
		return Arrays.stream(bounds)
			.mapToDouble(Duration::toNanos)
			.filter((nanos) -> nanos > 0)
			.distinct()
			.sorted()
			.toArray();
	}

}

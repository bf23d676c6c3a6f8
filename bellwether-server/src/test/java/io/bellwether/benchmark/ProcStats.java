package io.bellwether.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's footprint from Linux's {@code /proc/<pid>}: resident and proportional set
 * size, CPU time used. The parsing is pure (unit-tested); reading returns empty when the
 * file is not there or not readable.
 */
final class ProcStats {

	/** Clock ticks per second of {@code /proc/<pid>/stat}: 100 on every Linux we run. */
	static final long CLOCK_TICKS = 100;

	private static final Pattern KILOBYTES = Pattern.compile("(?m)^%s:\\s+(\\d+) kB$");

	private ProcStats() {
	}

	/** {@code VmRSS} of {@code /proc/<pid>/status}, in kB. */
	static OptionalLong rssKb(long pid) {
		return read(pid, "status").map((text) -> kilobytes(text, "VmRSS")).orElse(OptionalLong.empty());
	}

	/** {@code Pss} of {@code /proc/<pid>/smaps_rollup}, in kB. */
	static OptionalLong pssKb(long pid) {
		return read(pid, "smaps_rollup").map((text) -> kilobytes(text, "Pss")).orElse(OptionalLong.empty());
	}

	/** utime + stime of {@code /proc/<pid>/stat}, in clock ticks. */
	static OptionalLong cpuTicks(long pid) {
		return read(pid, "stat").map(ProcStats::cpuTicks).orElse(OptionalLong.empty());
	}

	/**
	 * A {@code Name: <n> kB} line's number.
	 * @param text the file's content
	 * @param name the field
	 * @return its value in kB, empty when absent
	 */
	static OptionalLong kilobytes(String text, String name) {
		Matcher matcher = Pattern.compile(String.format(KILOBYTES.pattern(), Pattern.quote(name))).matcher(text);
		return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
	}

	/**
	 * utime (field 14) + stime (field 15) of a {@code stat} line; the command name (field
	 * 2, in parentheses) may contain spaces and parentheses, so fields are counted after
	 * its last {@code ')'}.
	 * @param stat the line
	 * @return the ticks, empty when the line is malformed
	 */
	static OptionalLong cpuTicks(String stat) {
		int end = stat.lastIndexOf(')');
		if (end < 0) {
			return OptionalLong.empty();
		}
		String[] fields = stat.substring(end + 1).strip().split("\\s+");
		// fields[0] is field 3 (state): utime is field 14, stime field 15
		if (fields.length < 13) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
	}

	/**
	 * Percent of one core used between two readings.
	 * @param ticksBefore CPU ticks at the start
	 * @param ticksAfter CPU ticks at the end
	 * @param elapsedNanos the time between
	 * @return the percentage
	 */
	static double percentOfOneCore(long ticksBefore, long ticksAfter, long elapsedNanos) {
		double cpuSeconds = (ticksAfter - ticksBefore) / (double) CLOCK_TICKS;
		return 100.0 * cpuSeconds / (elapsedNanos / 1e9);
	}

	private static java.util.Optional<String> read(long pid, String file) {
		try {
			return java.util.Optional.of(Files.readString(Path.of("/proc", String.valueOf(pid), file)));
		}
		catch (IOException | RuntimeException ex) {
			return java.util.Optional.empty();
		}
	}

}

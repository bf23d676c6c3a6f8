package io.bellwether.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.bellwether.testsupport.PeerApi.History;
import io.bellwether.testsupport.PeerApi.View;

/**
 * Real peers as separate JVM processes, started as a {@link PeerCommand} says. Faults are
 * real signals: {@code kill -9}, {@code SIGSTOP}/{@code SIGCONT}, {@code SIGTERM}. Output
 * of peer {@code id} is appended to {@code <logDir>/peer<id>.log}; every process still
 * running is killed on {@link #close()} and, should the JVM end first, by a shutdown
 * hook.
 */
public final class PeerProcesses implements AutoCloseable {

	private final PeerCommand command;

	private final Path logDir;

	private final Map<Integer, Process> running = new LinkedHashMap<>();

	private final PeerApi api = new PeerApi();

	private final Thread reaper = new Thread(this::close, "peer-processes-reaper");

	public PeerProcesses(PeerCommand command, Path logDir) {
		this.command = command;
		this.logDir = logDir;
		try {
			Files.createDirectories(logDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime().addShutdownHook(this.reaper);
	}

	public PeerCommand command() {
		return this.command;
	}

	public PeerProcesses startAll() throws IOException {
		for (int id : this.command.ids()) {
			start(id);
		}
		return this;
	}

	public synchronized Process start(int id) throws IOException {
		Path log = log(id);
		Files.writeString(log, "----- started at " + Instant.now() + " -----\n", StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		Process process = this.command.processBuilder(id)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		this.running.put(id, process);
		return process;
	}

	/**
	 * {@code kill -9}: the process dies at once, without saying LEAVE; returns once it is
	 * gone.
	 * @param id the peer
	 * @return when the signal was sent (not when the process was reaped)
	 */
	public Moment kill(int id) {
		return end(id, Process::destroyForcibly);
	}

	/** {@code SIGTERM}: a clean stop (the peer says LEAVE). */
	public void stop(int id) {
		end(id, (process) -> {
			process.destroy();
			return process;
		});
	}

	/** {@code SIGSTOP}: the process stops at once, sockets and all. */
	public Moment freeze(int id) {
		return signal(id, "STOP");
	}

	/** {@code SIGCONT}: the process goes on where it stopped. */
	public Moment resume(int id) {
		return signal(id, "CONT");
	}

	private Moment signal(int id, String signal) {
		Instant from = Instant.now();
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid(id))).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " failed");
			}
			return new Moment(from, Instant.now());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public synchronized List<Integer> runningIds() {
		return List.copyOf(this.running.keySet());
	}

	public synchronized boolean isAlive(int id) {
		Process process = this.running.get(id);
		return process != null && process.isAlive();
	}

	/** The peer's process id. */
	public synchronized long pid(int id) {
		return this.running.get(id).pid();
	}

	public Path log(int id) {
		return this.logDir.resolve("peer" + id + ".log");
	}

	/** The peer's {@code /leader}, see {@link PeerApi#view}. */
	public View view(int id) {
		return this.api.view(http(id));
	}

	/** What each listed peer says about the leader. */
	public Map<Integer, View> views(List<Integer> ids) {
		return collect(ids, this::view);
	}

	/** The peer's {@code /actuator/prometheus} text, see {@link PeerApi#prometheus}. */
	public Optional<String> prometheus(int id) {
		return this.api.prometheus(http(id));
	}

	/** The peer's {@code /peers} statuses by id. */
	public Map<Integer, String> statuses(int id) {
		return this.api.statuses(http(id));
	}

	/** The peer's recent changes from its {@code /events} snapshot. */
	public History history(int id) {
		return PeerApi.history(id, httpPort(id));
	}

	/** Every listed peer's history. */
	public Map<Integer, History> histories(List<Integer> ids) {
		return collect(ids, this::history);
	}

	public int httpPort(int id) {
		return this.command.httpPort(id);
	}

	/** Base URI of the peer's HTTP port. */
	public URI http(int id) {
		return this.command.http(id);
	}

	public URI uri(int id, String path) {
		return http(id).resolve(path);
	}

	@Override
	public void close() {
		for (int id : runningIds()) {
			kill(id);
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.reaper);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: this is the hook
		}
	}

	private static <T> Map<Integer, T> collect(List<Integer> ids, Function<Integer, T> read) {
		return ids.stream().collect(Collectors.toMap((id) -> id, read, (a, b) -> a, LinkedHashMap::new));
	}

	private Moment end(int id, Function<Process, Process> how) {
		Process process;
		synchronized (this) {
			process = this.running.remove(id);
		}
		if (process == null) {
			return null;
		}
		Instant from = Instant.now();
		how.apply(process);
		Moment sent = new Moment(from, Instant.now());
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("peer " + id + " (pid " + process.pid() + ") did not end");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return sent;
	}

}

package io.bellwether.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Hosts with a real network between them, on this machine: each host is a network
 * namespace ({@code bwmh-h<n>}) with its own address 10.213.0.n on {@code eth0}, a veth
 * pair to a bridge that lives in a namespace of its own ({@code bwmh-sw}, so this
 * machine's firewall, which drops bridged traffic, is not involved), and its own
 * {@code /etc/netns/<namespace>/hosts} for name resolution ({@code ip netns exec} mounts
 * it over {@code /etc/hosts}). This machine reaches the hosts as 10.213.0.254 through
 * {@code bwmh-root}. Every host's outgoing packets are delayed and dropped by
 * {@code netdelay} (src/test/c; netem's job, which this kernel lacks). Needs root,
 * iproute2, iptables, gcc and libnetfilter-queue-dev. {@link #close()} removes
 * everything, {@link #removeLeftovers()} what an earlier run left.
 */
final class NetworkHosts implements AutoCloseable {

	static final String PREFIX = "bwmh-";

	private static final String SWITCH = PREFIX + "sw";

	private static final String ROOT_LINK = PREFIX + "root";

	static final String ROOT_ADDRESS = "10.213.0.254";

	private static final String IP = "/usr/sbin/ip";

	private static final Path NETNS_ETC = Path.of("/etc/netns");

	private static final Path SOURCE = Path.of("src", "test", "c", "netdelay.c");

	private final int count;

	private final Path dir;

	private final Map<Integer, String> addresses = new LinkedHashMap<>();

	private final Map<Integer, Process> delays = new LinkedHashMap<>();

	private final Map<String, String> names = new LinkedHashMap<>();

	private final List<String> delayReports = new ArrayList<>();

	/**
	 * Creates {@code count} hosts whose links delay every packet by
	 * {@code delayMillis ± jitterMillis} and drop {@code lossPercent} of them.
	 */
	NetworkHosts(int count, double delayMillis, double jitterMillis, double lossPercent) throws IOException {
		this.count = count;
		this.dir = Path.of("target", "multihost").toAbsolutePath();
		Files.createDirectories(this.dir);
		Path netdelay = build(this.dir);
		try {
			run(IP, "netns", "add", SWITCH);
			run(IP, "-n", SWITCH, "link", "set", "lo", "up");
			run(IP, "-n", SWITCH, "link", "add", "br0", "type", "bridge");
			run(IP, "-n", SWITCH, "link", "set", "br0", "up");
			run(IP, "link", "add", ROOT_LINK, "type", "veth", "peer", "name", "uplink", "netns", SWITCH);
			run(IP, "-n", SWITCH, "link", "set", "uplink", "master", "br0", "up");
			run(IP, "addr", "add", ROOT_ADDRESS + "/24", "dev", ROOT_LINK);
			run(IP, "link", "set", ROOT_LINK, "up");
			for (int host = 1; host <= count; host++) {
				String namespace = namespace(host);
				Path etc = NETNS_ETC.resolve(namespace);
				Files.createDirectories(etc);
				Files.writeString(etc.resolve("hosts"), hostsFile());
				// no name server: a name that is not in the hosts file fails at once
				Files.writeString(etc.resolve("resolv.conf"), "options timeout:1 attempts:1\n");
				run(IP, "netns", "add", namespace);
				run(IP, "-n", namespace, "link", "set", "lo", "up");
				run(IP, "-n", SWITCH, "link", "add", "v" + host, "type", "veth", "peer", "name", "eth0", "netns",
						namespace);
				run(IP, "-n", SWITCH, "link", "set", "v" + host, "master", "br0", "up");
				this.addresses.put(host, "10.213.0." + host);
				run(IP, "-n", namespace, "addr", "add", address(host) + "/24", "dev", "eth0");
				run(IP, "-n", namespace, "link", "set", "eth0", "up");
				run(IP, "netns", "exec", namespace, "iptables", "-A", "OUTPUT", "-o", "eth0", "-j", "NFQUEUE",
						"--queue-num", "0");
				Process delay = new ProcessBuilder(IP, "netns", "exec", namespace, netdelay.toString(), "0",
						String.valueOf(delayMillis), String.valueOf(jitterMillis), String.valueOf(lossPercent),
						String.valueOf(host * 7919L))
					.redirectErrorStream(true)
					.redirectOutput(this.dir.resolve("netdelay-" + host + ".log").toFile())
					.start();
				this.delays.put(host, delay);
			}
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/** Whether this machine can make such hosts: root and the tools. */
	static boolean available() {
		return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of(IP))
				&& Files.isExecutable(Path.of("/usr/sbin/iptables")) && Files.isExecutable(Path.of("/usr/bin/gcc"))
				&& Files.isRegularFile(Path.of("/usr/include/libnetfilter_queue/libnetfilter_queue.h"));
	}

	/**
	 * Removes the namespaces, links and files an earlier run left behind (and its
	 * processes).
	 */
	static void removeLeftovers() {
		for (String namespace : output(IP, "netns", "list").lines()
			.map((line) -> line.split("\\s+")[0])
			.filter((name) -> name.startsWith(PREFIX))
			.toList()) {
			killProcessesIn(namespace);
			quietly(IP, "netns", "del", namespace);
		}
		quietly(IP, "link", "del", ROOT_LINK);
		try (Stream<Path> leftovers = Files.isDirectory(NETNS_ETC) ? Files.list(NETNS_ETC) : Stream.empty()) {
			for (Path etc : leftovers.filter((path) -> path.getFileName().toString().startsWith(PREFIX)).toList()) {
				deleteTree(etc);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String namespace(int host) {
		return PREFIX + "h" + host;
	}

	String address(int host) {
		return this.addresses.get(host);
	}

	/** The words that run a command on {@code host}. */
	List<String> on(int host) {
		return List.of(IP, "netns", "exec", namespace(host));
	}

	/**
	 * Makes {@code name} resolve to {@code address} on every host ({@code null}: not at
	 * all). The hosts files are rewritten in place: {@code ip netns exec} bind-mounted
	 * them, a new file would not be seen by running processes.
	 */
	synchronized void resolve(String name, String address) throws IOException {
		if (address == null) {
			this.names.remove(name);
		}
		else {
			this.names.put(name, address);
		}
		for (int host = 1; host <= this.count; host++) {
			Files.writeString(NETNS_ETC.resolve(namespace(host)).resolve("hosts"), hostsFile(),
					StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
		}
	}

	/**
	 * Gives {@code host} a new address, as a rescheduled pod gets: the old one is gone at
	 * once (connections to it go silent).
	 */
	void readdress(int host, String address) {
		run(IP, "-n", namespace(host), "addr", "flush", "dev", "eth0");
		run(IP, "-n", namespace(host), "addr", "add", address + "/24", "dev", "eth0");
		this.addresses.put(host, address);
	}

	/** What each host's netdelay counted (after {@link #close()}). */
	List<String> delayReports() {
		return List.copyOf(this.delayReports);
	}

	@Override
	public synchronized void close() {
		this.delays.forEach((host, delay) -> {
			delay.destroy();
			try {
				if (!delay.waitFor(5, TimeUnit.SECONDS)) {
					delay.destroyForcibly().waitFor();
				}
				Files.readAllLines(this.dir.resolve("netdelay-" + host + ".log"))
					.stream()
					.filter((line) -> line.contains("packets"))
					.forEach((line) -> this.delayReports.add("host " + host + ": " + line));
			}
			catch (IOException ex) {
				this.delayReports.add("host " + host + ": " + ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		this.delays.clear();
		for (int host = 1; host <= this.count; host++) {
			killProcessesIn(namespace(host));
			quietly(IP, "netns", "del", namespace(host));
			deleteTree(NETNS_ETC.resolve(namespace(host)));
		}
		quietly(IP, "netns", "del", SWITCH);
		quietly(IP, "link", "del", ROOT_LINK);
	}

	private String hostsFile() {
		StringBuilder text = new StringBuilder("127.0.0.1 localhost\n");
		this.names.forEach((name, address) -> text.append(address).append(' ').append(name).append('\n'));
		return text.toString();
	}

	private static Path build(Path dir) {
		Path binary = dir.resolve("netdelay");
		run("/usr/bin/gcc", "-O2", "-Wall", "-o", binary.toString(), SOURCE.toAbsolutePath().toString(),
				"-lnetfilter_queue");
		return binary;
	}

	/** Processes started in a namespace by this test (or an earlier run of it), by id. */
	private static void killProcessesIn(String namespace) {
		for (String pid : output(IP, "netns", "pids", namespace).lines().map(String::strip).toList()) {
			if (!pid.isEmpty()) {
				ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
			}
		}
	}

	private static void deleteTree(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void run(String... command) {
		String output = execute(command);
		if (output != null) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
		}
	}

	private static void quietly(String... command) {
		execute(command);
	}

	/**
	 * @return {@code null} on success, else the output
	 */
	private static String execute(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return (process.waitFor() == 0) ? null : output;
		}
		catch (IOException ex) {
			return ex.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	private static String output(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor();
			return output;
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

}

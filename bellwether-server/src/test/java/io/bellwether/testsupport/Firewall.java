package io.bellwether.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Cuts links between peers' loopback addresses with iptables, in a chain of its own (e.g.
 * {@code BELLWETHER-CHAOS}, hooked into INPUT) that {@link #close()} removes (also from a
 * shutdown hook, should the JVM end before {@code @AfterEach}). Needs root. Users that
 * run at the same time need distinct chains and addresses.
 * <p>
 * Each fault is one rule set applied with {@code iptables-restore --noflush}: all its
 * links fail at the same instant, and {@link #lastChange()} says when.
 */
public final class Firewall implements AutoCloseable {

	private final String chain;

	private final IntFunction<String> addresses;

	private final Thread cleanup = new Thread(this::removeChain, "bellwether-firewall-cleanup");

	private Moment lastChange;

	/**
	 * Creates the chain (removing what a killed run may have left of it).
	 * @param chain the chain's name
	 * @param addresses each peer's address by id
	 */
	public Firewall(String chain, IntFunction<String> addresses) {
		this.chain = chain;
		this.addresses = addresses;
		removeChain();
		iptables(true, "-N", chain);
		iptables(true, "-I", "INPUT", "-j", chain);
		Runtime.getRuntime().addShutdownHook(this.cleanup);
	}

	/** Whether iptables can be used here (root, binary present). */
	public static boolean available() {
		try {
			return new ProcessBuilder("iptables", "-L", "INPUT", "-n").redirectErrorStream(true).start().waitFor() == 0
					&& new ProcessBuilder("iptables-restore", "--version").redirectErrorStream(true)
						.start()
						.waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Drops every packet from peer {@code from} to peer {@code to} (one direction). */
	public void drop(int from, int to) {
		apply(List.of(dropRule(from, to)));
	}

	/**
	 * Cuts both directions between every peer of {@code side} and every peer of
	 * {@code other}, all links at once.
	 */
	public void split(List<Integer> side, List<Integer> other) {
		List<String> rules = new ArrayList<>();
		for (int a : side) {
			for (int b : other) {
				rules.add(dropRule(a, b));
				rules.add(dropRule(b, a));
			}
		}
		apply(rules);
	}

	/**
	 * Cuts {@code isolated} off from {@code others} so that their side sees its
	 * connections to {@code isolated} reset (as a middlebox or a rebooted network stack
	 * would) while every reconnect in either direction times out (SYNs are dropped);
	 * {@code isolated} itself hears nothing at all. The others' links therefore reconnect
	 * at once and their reconnects time out: a timed-out reconnect is not a crash.
	 */
	public void cutWithResets(int isolated, List<Integer> others) {
		String to = this.addresses.apply(isolated);
		List<String> rules = new ArrayList<>();
		for (int other : others) {
			String from = this.addresses.apply(other);
			rules.add(rule(from, to, "-p tcp --syn -j DROP"));
			rules.add(rule(to, from, "-p tcp --syn -j DROP"));
			// the resets the rule below sends back to the others carry the isolated
			// peer's address: let them through
			rules.add(rule(to, from, "-p tcp --tcp-flags RST RST -j ACCEPT"));
			rules.add(rule(from, to, "-p tcp -j REJECT --reject-with tcp-reset"));
			rules.add(dropRule(other, isolated));
			rules.add(dropRule(isolated, other));
		}
		apply(rules);
	}

	/**
	 * How many packets the current rules have matched, by target ({@code DROP},
	 * {@code REJECT}, {@code ACCEPT}): proof that a fault did what it was meant to.
	 * @return packet counts by target
	 */
	public Map<String, Long> packetsPerTarget() {
		Map<String, Long> packets = new TreeMap<>();
		for (String line : iptables(true, "-L", this.chain, "-n", "-v", "-x").split("\n")) {
			String[] words = line.strip().split("\\s+");
			if (words.length > 3 && words[0].chars().allMatch(Character::isDigit)) {
				packets.merge(words[2], Long.parseLong(words[0]), Long::sum);
			}
		}
		return packets;
	}

	/** Removes every rule: the network is whole again. */
	public void heal() {
		Instant start = Instant.now();
		iptables(true, "-F", this.chain);
		this.lastChange = new Moment(start, Instant.now());
	}

	/**
	 * When the last fault or heal took effect: between the two instants of the window.
	 * @return the window of the last change
	 */
	public Moment lastChange() {
		return this.lastChange;
	}

	@Override
	public void close() {
		removeChain();
		try {
			Runtime.getRuntime().removeShutdownHook(this.cleanup);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook runs anyway
		}
	}

	private void removeChain() {
		iptables(false, "-F", this.chain);
		iptables(false, "-D", "INPUT", "-j", this.chain);
		iptables(false, "-X", this.chain);
	}

	private String dropRule(int from, int to) {
		return rule(this.addresses.apply(from), this.addresses.apply(to), "-j DROP");
	}

	private String rule(String from, String to, String match) {
		return "-A " + this.chain + " -s " + from + " -d " + to + " " + match;
	}

	private void apply(List<String> rules) {
		StringBuilder input = new StringBuilder("*filter\n");
		rules.forEach((rule) -> input.append(rule).append('\n'));
		input.append("COMMIT\n");
		try {
			Process process = new ProcessBuilder("iptables-restore", "--noflush").redirectErrorStream(true).start();
			Instant start = Instant.now();
			try (OutputStream in = process.getOutputStream()) {
				in.write(input.toString().getBytes(StandardCharsets.US_ASCII));
			}
			String output = new String(process.getInputStream().readAllBytes());
			int exit = process.waitFor();
			this.lastChange = new Moment(start, Instant.now());
			if (exit != 0) {
				throw new IllegalStateException("iptables-restore failed: " + output + "\n" + input);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String iptables(boolean mustSucceed, String... args) {
		List<String> command = new ArrayList<>();
		command.add("iptables");
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0 && mustSucceed) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			if (mustSucceed) {
				throw new IllegalStateException(ex);
			}
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

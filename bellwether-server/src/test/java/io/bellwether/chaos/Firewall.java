package io.bellwether.chaos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts links between peers' loopback addresses with iptables, in a chain of its own
 * ({@code BELLWETHER-CHAOS}, hooked into INPUT) that {@link #close()} removes. Needs
 * root.
 */
final class Firewall implements AutoCloseable {

	private static final String CHAIN = "BELLWETHER-CHAOS";

	Firewall() {
		iptables(false, "-D", "INPUT", "-j", CHAIN);
		iptables(false, "-F", CHAIN);
		iptables(false, "-X", CHAIN);
		iptables(true, "-N", CHAIN);
		iptables(true, "-I", "INPUT", "-j", CHAIN);
	}

	/** Whether iptables can be used here (root, binary present). */
	static boolean available() {
		try {
			return new ProcessBuilder("iptables", "-L", "INPUT", "-n").redirectErrorStream(true).start().waitFor() == 0;
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
	void drop(int from, int to) {
		iptables(true, "-A", CHAIN, "-s", PeerProcesses.address(from), "-d", PeerProcesses.address(to), "-j", "DROP");
	}

	/**
	 * Cuts both directions between every peer of {@code side} and every peer of
	 * {@code other}.
	 */
	void split(List<Integer> side, List<Integer> other) {
		for (int a : side) {
			for (int b : other) {
				drop(a, b);
				drop(b, a);
			}
		}
	}

	/** Removes every rule: the network is whole again. */
	void heal() {
		iptables(true, "-F", CHAIN);
	}

	@Override
	public void close() {
		iptables(false, "-F", CHAIN);
		iptables(false, "-D", "INPUT", "-j", CHAIN);
		iptables(false, "-X", CHAIN);
	}

	private static void iptables(boolean mustSucceed, String... args) {
		List<String> command = new ArrayList<>();
		command.add("iptables");
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0 && mustSucceed) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			if (mustSucceed) {
				throw new IllegalStateException(ex);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

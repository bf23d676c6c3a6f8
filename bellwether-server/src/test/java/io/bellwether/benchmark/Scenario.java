package io.bellwether.benchmark;

/**
 * One benchmark scenario: runs its trials and records figures. Peers and firewall rules
 * it creates are gone when it returns or throws.
 */
interface Scenario {

	String name();

	/**
	 * Runs {@code trials} trials.
	 * @param bench peers, JVM and helpers
	 * @param trials how many
	 * @param figures where the results go
	 * @throws Exception if the scenario cannot go on
	 */
	void run(Bench bench, int trials, Figures figures) throws Exception;

}

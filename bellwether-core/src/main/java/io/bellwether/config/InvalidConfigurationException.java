package io.bellwether.config;

/**
 * Thrown when the peer's configuration cannot work. The message is one line an operator
 * can act on; start-up prints it and exits non-zero.
 */
public class InvalidConfigurationException extends IllegalArgumentException {

	public InvalidConfigurationException(String message) {
		super(message);
	}

}

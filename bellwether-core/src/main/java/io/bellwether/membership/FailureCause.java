package io.bellwether.membership;

/**
 * Why a peer was declared DEAD. Used in logs, events and as a metric tag.
 */
public enum FailureCause {

	/** No frame within the heartbeat timeout: pause, partition or frozen process. */
	TIMEOUT("no heartbeat within timeout"),

	/** Its connection closed and reconnecting failed at once: the process is gone. */
	CONNECTION_LOST("connection closed, reconnect failed"),

	/** It said LEAVE: a clean shutdown. */
	LEAVE("left the group");

	private final String description;

	FailureCause(String description) {
		this.description = description;
	}

	public String description() {
		return this.description;
	}

	public String tag() {
		return name().toLowerCase().replace('_', '-');
	}

}

package io.bellwether.events;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import lombok.extern.slf4j.Slf4j;

/**
 * One connected {@code /events} client: a bounded queue of events waiting to be written
 * and the one thread ({@code bellwether-sse-<n>}) that writes them, plus a heartbeat
 * every interval. Publishers only {@link #offer} to the queue, which never blocks: a
 * client too slow to keep up overflows its queue and is disconnected (it reconnects and
 * gets a fresh snapshot), so the peer never waits for a client's network.
 */
@Slf4j
final class StreamClient implements Runnable {

	private final String label;

	private final Sink sink;

	private final BlockingQueue<Message> queue;

	private final long heartbeatNanos;

	private final Supplier<Message> heartbeat;

	private final Consumer<StreamClient> onEnd;

	private volatile boolean open = true;

	private volatile boolean overflowed;

	private volatile Thread thread;

	StreamClient(String label, Sink sink, int buffer, Duration heartbeat, Supplier<Message> heartbeats,
			Consumer<StreamClient> onEnd) {
		this.label = label;
		this.sink = sink;
		this.queue = new ArrayBlockingQueue<>(buffer);
		this.heartbeatNanos = heartbeat.toNanos();
		this.heartbeat = heartbeats;
		this.onEnd = onEnd;
	}

	/**
	 * Starts the writer thread.
	 * @param name the thread's name
	 * @return the thread
	 */
	Thread start(String name) {
		Thread writer = new Thread(this, name);
		writer.setDaemon(true);
		this.thread = writer;
		writer.start();
		return writer;
	}

	/**
	 * Queues an event for this client without blocking.
	 * @param message the event
	 * @return what happened to it
	 */
	Offer offer(Message message) {
		if (!this.open) {
			return Offer.CLOSED;
		}
		if (this.queue.offer(message)) {
			return Offer.QUEUED;
		}
		// The writer is stuck behind a slow client: let it finish what it is writing
		// and end the stream; no interrupt, which could break the connection mid-event.
		this.overflowed = true;
		this.open = false;
		return Offer.OVERFLOWED;
	}

	/** Ends the stream (shutdown, or the client went away). */
	void close() {
		this.open = false;
		Thread writer = this.thread;
		if (writer != null && writer != Thread.currentThread()) {
			writer.interrupt();
		}
	}

	boolean isOpen() {
		return this.open;
	}

	Thread thread() {
		return this.thread;
	}

	@Override
	public void run() {
		long nextHeartbeat = System.nanoTime() + this.heartbeatNanos;
		boolean gone = false;
		try {
			while (this.open) {
				long wait = nextHeartbeat - System.nanoTime();
				Message message = (wait > 0) ? this.queue.poll(wait, TimeUnit.NANOSECONDS) : null;
				if (!this.open) {
					break;
				}
				if (message == null) {
					if (nextHeartbeat - System.nanoTime() > 0) {
						continue;
					}
					message = this.heartbeat.get();
					nextHeartbeat = System.nanoTime() + this.heartbeatNanos;
				}
				this.sink.send(message.event(), message.data());
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away (or the container already completed the request)
			gone = true;
			log.debug("events client {} gone: {}", this.label, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.open = false;
			if (this.overflowed) {
				log.info("events client {} fell {} events behind: disconnected (it may reconnect)", this.label,
						this.queue.size());
			}
			if (!gone) {
				complete();
			}
			this.onEnd.accept(this);
		}
	}

	private void complete() {
		try {
			this.sink.complete();
		}
		catch (RuntimeException ex) {
			log.debug("completing events client {} failed: {}", this.label, ex.toString());
		}
	}

	/**
	 * Where a client's events are written.
	 */
	interface Sink {

		/**
		 * Writes one event; may block while the client's network is slow.
		 * @param event the event name
		 * @param data its data (one line of JSON)
		 * @throws IOException if the client went away
		 */
		void send(String event, String data) throws IOException;

		/** Ends the stream normally. */
		void complete();

	}

	/**
	 * An event ready to write.
	 *
	 * @param event the event name
	 * @param data its data
	 */
	record Message(String event, String data) {
	}

	/** Outcome of {@link #offer}. */
	enum Offer {

		/** Queued for writing. */
		QUEUED,

		/** The queue was full: the client is being disconnected. */
		OVERFLOWED,

		/** The client is already closing. */
		CLOSED

	}

}

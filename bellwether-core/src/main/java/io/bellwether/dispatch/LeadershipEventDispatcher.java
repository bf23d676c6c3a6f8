package io.bellwether.dispatch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.bellwether.ClusterLeadership.Registration;
import io.bellwether.LeadershipListener;
import io.bellwether.election.ClusterListener;
import io.bellwether.election.LeaderChangedEvent;
import io.bellwether.election.Leadership;
import io.bellwether.election.LeadershipGrantedEvent;
import io.bellwether.election.LeadershipRevokedEvent;
import io.bellwether.membership.MembershipChange;
import lombok.extern.slf4j.Slf4j;

/**
 * Hands the core's changes to application code on one dedicated thread
 * ({@code bellwether-events}), in order: for a change of leader the
 * {@link LeaderChangedEvent}, then {@link LeadershipRevokedEvent} and/or
 * {@link LeadershipGrantedEvent} for this peer; for a change of membership the
 * {@link MembershipChange}. Each goes to the publisher (Spring's application events) and
 * to every {@link LeadershipListener}.
 * <ul>
 * <li>The core only enqueues ({@link #membershipChanged}, {@link #leaderChanged}): never
 * blocks, whatever the application does.</li>
 * <li>A listener that throws is logged; the others and all later changes are still
 * delivered.</li>
 * <li>Falling behind: once {@code maxPending} changes wait, the waiting ones are replaced
 * by the latest state: one leader change from the leadership last delivered to the
 * current one (with revoked and/or granted as that implies) and each peer's latest
 * membership change. Granted and revoked keep alternating; intermediate leaders are
 * skipped.</li>
 * <li>A listener registered late first gets the state already delivered (granted if this
 * peer leads), then every later change.</li>
 * </ul>
 */
@Slf4j
public final class LeadershipEventDispatcher implements ClusterListener {

	/** Changes that may wait before they are coalesced. */
	public static final int DEFAULT_MAX_PENDING = 256;

	private final int selfId;

	private final Consumer<Object> publisher;

	private final int maxPending;

	/** Listeners that have been brought up to date; changed only by the event thread. */
	private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final Deque<Item> pending = new ArrayDeque<>();

	private boolean delivering;

	private boolean stopped;

	private long coalescings;

	private Thread thread;

	/** What the listeners have been told last (only the event thread touches it). */
	private LeaderChangedEvent lastDelivered;

	/**
	 * Creates a dispatcher; {@link #start()} starts its thread.
	 * @param selfId this peer's id
	 * @param publisher where every event is published first (e.g. Spring's
	 * {@code ApplicationEventPublisher::publishEvent})
	 * @param maxPending how many changes may wait before they are coalesced
	 */
	public LeadershipEventDispatcher(int selfId, Consumer<Object> publisher, int maxPending) {
		if (maxPending < 1) {
			throw new IllegalArgumentException("maxPending must be positive");
		}
		this.selfId = selfId;
		this.publisher = publisher;
		this.maxPending = maxPending;
	}

	@Override
	public void membershipChanged(MembershipChange change) {
		enqueue(new Membership(change));
	}

	@Override
	public void leaderChanged(LeaderChangedEvent change) {
		enqueue(new Leader(change));
	}

	/**
	 * Registers a listener; on the event thread it first gets the state delivered so far.
	 * @param listener the listener
	 * @return closing it removes the listener
	 */
	public Registration addListener(LeadershipListener listener) {
		enqueue(new Replay(listener));
		return () -> {
			this.listeners.remove(listener);
			this.lock.lock();
			try {
				this.pending.removeIf((item) -> item instanceof Replay replay && replay.listener() == listener);
			}
			finally {
				this.lock.unlock();
			}
		};
	}

	/**
	 * How often the application fell so far behind that waiting changes were coalesced.
	 * @return the count
	 */
	public long coalescings() {
		this.lock.lock();
		try {
			return this.coalescings;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void enqueue(Item item) {
		this.lock.lock();
		try {
			if (this.stopped) {
				return;
			}
			this.pending.addLast(item);
			if (this.pending.size() > this.maxPending) {
				coalesce();
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Replaces the waiting changes by the latest state. Called under the lock. */
	private void coalesce() {
		LeaderChangedEvent first = null;
		LeaderChangedEvent last = null;
		Map<Integer, MembershipChange> latest = new LinkedHashMap<>();
		List<Item> replays = new ArrayList<>();
		for (Item item : this.pending) {
			if (item instanceof Leader leader) {
				first = (first != null) ? first : leader.change();
				last = leader.change();
			}
			else if (item instanceof Membership membership) {
				latest.remove(membership.change().peerId());
				latest.put(membership.change().peerId(), membership.change());
			}
			else {
				replays.add(item);
			}
		}
		int waiting = this.pending.size();
		this.pending.clear();
		latest.values().forEach((change) -> this.pending.addLast(new Membership(change)));
		if (first != null) {
			LeaderChangedEvent merged = new LeaderChangedEvent(this.selfId, first.previous(), last.current());
			if (!sameLeadership(merged.previous(), merged.current())) {
				this.pending.addLast(new Leader(merged));
			}
		}
		this.pending.addAll(replays);
		this.coalescings++;
		log.warn("the application is {} changes behind: delivering the latest state instead ({} changes)", waiting,
				this.pending.size());
	}

	/** Starts the event thread. */
	public void start() {
		this.lock.lock();
		try {
			if (this.thread != null || this.stopped) {
				return;
			}
			this.thread = new Thread(this::run, "bellwether-events");
			this.thread.setDaemon(true);
			this.thread.start();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until every change enqueued so far has been delivered.
	 * @param bound how long to wait at most
	 * @return whether everything was delivered in time
	 */
	public boolean awaitDelivered(Duration bound) {
		long remaining = bound.toNanos();
		this.lock.lock();
		try {
			while ((this.delivering || !this.pending.isEmpty()) && !this.stopped && this.thread != null) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.changed.awaitNanos(remaining);
			}
			return this.pending.isEmpty() && !this.delivering;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Delivers what is waiting (for at most {@code bound}), then ends the event thread.
	 * Changes reported afterwards are dropped.
	 * @param bound how long to wait for the application
	 */
	public void stop(Duration bound) {
		boolean delivered = awaitDelivered(bound);
		Thread worker;
		this.lock.lock();
		try {
			this.stopped = true;
			worker = this.thread;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (worker != null) {
			if (!delivered) {
				log.warn("application listeners still busy after {} ms; stopping without them", bound.toMillis());
				worker.interrupt();
			}
			try {
				worker.join(TimeUnit.SECONDS.toMillis(1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void run() {
		while (true) {
			Item item;
			this.lock.lock();
			try {
				this.delivering = false;
				this.changed.signalAll();
				while (this.pending.isEmpty() && !this.stopped) {
					this.changed.awaitUninterruptibly();
				}
				if (this.stopped) {
					return;
				}
				item = this.pending.removeFirst();
				this.delivering = true;
			}
			finally {
				this.lock.unlock();
			}
			deliver(item);
		}
	}

	private void deliver(Item item) {
		if (item instanceof Membership membership) {
			publish(membership.change());
		}
		else if (item instanceof Leader leader) {
			deliverLeader(leader.change(), this.listeners);
			this.lastDelivered = leader.change();
		}
		else if (item instanceof Replay replay) {
			catchUp(replay.listener());
			this.listeners.add(replay.listener());
		}
	}

	private void deliverLeader(LeaderChangedEvent change, List<LeadershipListener> targets) {
		publish(change);
		targets.forEach((listener) -> call(listener, change, () -> listener.onLeaderChanged(change)));
		Leadership previous = change.previous();
		Leadership current = change.current();
		boolean wasLeader = previous.leaderId() == this.selfId;
		boolean isLeader = current.leaderId() == this.selfId;
		boolean sameTerm = previous.term() == current.term();
		if (wasLeader && !(isLeader && sameTerm)) {
			LeadershipRevokedEvent revoked = new LeadershipRevokedEvent(this.selfId, current.leaderId());
			publish(revoked);
			targets.forEach((listener) -> call(listener, revoked, () -> listener.onRevoked(revoked)));
		}
		if (isLeader && !(wasLeader && sameTerm)) {
			LeadershipGrantedEvent granted = new LeadershipGrantedEvent(this.selfId, current.term());
			publish(granted);
			targets.forEach((listener) -> call(listener, granted, () -> listener.onGranted(granted)));
		}
	}

	/** Tells a newly registered listener what the others already know. */
	private void catchUp(LeadershipListener listener) {
		LeaderChangedEvent last = this.lastDelivered;
		if (last == null) {
			return;
		}
		call(listener, last, () -> listener.onLeaderChanged(last));
		if (last.current().leaderId() == this.selfId) {
			LeadershipGrantedEvent granted = new LeadershipGrantedEvent(this.selfId, last.current().term());
			call(listener, granted, () -> listener.onGranted(granted));
		}
	}

	private void publish(Object event) {
		call(this.publisher, event, () -> this.publisher.accept(event));
	}

	private static void call(Object listener, Object event, Runnable callback) {
		try {
			callback.run();
		}
		catch (RuntimeException | LinkageError | AssertionError ex) {
			log.error("application listener {} failed on {}; Bellwether goes on", listener, event, ex);
		}
	}

	private static boolean sameLeadership(Leadership a, Leadership b) {
		return a.leaderId() == b.leaderId() && a.term() == b.term();
	}

	private sealed interface Item permits Membership, Leader, Replay {

	}

	private record Membership(MembershipChange change) implements Item {
	}

	private record Leader(LeaderChangedEvent change) implements Item {
	}

	private record Replay(LeadershipListener listener) implements Item {
	}

}

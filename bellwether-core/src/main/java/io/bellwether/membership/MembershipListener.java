package io.bellwether.membership;

/**
 * Told of every membership change, synchronously, by the thread that caused it (the
 * registry's lock is held: queue the change, do not call back). The {@code ClusterCore}
 * queues them and delivers them to application code after releasing its own lock.
 */
@FunctionalInterface
public interface MembershipListener {

	void membershipChanged(MembershipChange change);

}

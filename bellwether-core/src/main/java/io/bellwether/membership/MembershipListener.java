package io.bellwether.membership;

/**
 * Told of every membership change, after the registry has released its lock.
 */
@FunctionalInterface
public interface MembershipListener {

	void membershipChanged(MembershipChange change);

}

package io.bellwether;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated method (typically a {@code @Scheduled} job) runs only while this peer is
 * the leader; on any other peer, or while there is no leader, a call returns at once
 * without running it. The method must return {@code void}.
 * <p>
 * Whether this peer leads is decided when the call starts. A body that is still running
 * when leadership is lost is not interrupted: pass
 * {@link ClusterLeadership#fencingToken()} to the datastore so that a deposed leader's
 * late writes are rejected. On a clean shutdown this peer stops admitting calls, waits
 * for running ones to return, delivers the revocation and only then tells the others it
 * leaves.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LeaderOnly {

}

package io.bellwether.autoconfigure;

import java.util.List;

import io.bellwether.election.ClusterListener;
import io.bellwether.election.ElectionService;
import io.bellwether.election.LeaderChangedEvent;
import io.bellwether.membership.MembershipChange;
import io.bellwether.membership.MembershipListener;
import lombok.extern.slf4j.Slf4j;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The one seam between the core and everything it tells: a membership change goes to
 * every {@link ClusterListener} bean (send the new view at once, metrics,
 * {@code /events}, and the event dispatcher, which hands it to application code on its
 * own thread), then re-runs the election; a change of leader goes to the same listeners.
 * Granted and revoked are derived by the dispatcher, so the core's own copies are not
 * forwarded. Listeners are looked up once, on the first change (the core reports none
 * before the context has started).
 */
@Slf4j
final class CoreEventRouter implements ApplicationEventPublisher, MembershipListener {

	private final ObjectProvider<ClusterListener> listenerBeans;

	private final ObjectProvider<ElectionService> election;

	private volatile List<ClusterListener> listeners;

	CoreEventRouter(ObjectProvider<ClusterListener> listenerBeans, ObjectProvider<ElectionService> election) {
		this.listenerBeans = listenerBeans;
		this.election = election;
	}

	@Override
	public void membershipChanged(MembershipChange change) {
		for (ClusterListener listener : listeners()) {
			try {
				listener.membershipChanged(change);
			}
			catch (RuntimeException ex) {
				log.error("cluster listener {} failed on {}", listener, change.describe(), ex);
			}
		}
		this.election.getObject().evaluate();
	}

	@Override
	public void publishEvent(Object event) {
		if (event instanceof LeaderChangedEvent change) {
			for (ClusterListener listener : listeners()) {
				try {
					listener.leaderChanged(change);
				}
				catch (RuntimeException ex) {
					log.error("cluster listener {} failed on {}", listener, change.describe(), ex);
				}
			}
		}
	}

	private List<ClusterListener> listeners() {
		List<ClusterListener> current = this.listeners;
		if (current == null) {
			current = this.listenerBeans.orderedStream().toList();
			this.listeners = current;
		}
		return current;
	}

}

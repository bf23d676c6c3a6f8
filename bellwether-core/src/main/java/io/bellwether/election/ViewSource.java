package io.bellwether.election;

import io.bellwether.protocol.PeerView;

/**
 * What this peer tells the others in every frame: its leader, term and alive peers. Must
 * be cheap and must not block: the transport calls it for every frame it sends.
 */
@FunctionalInterface
public interface ViewSource {

	PeerView currentView();

}

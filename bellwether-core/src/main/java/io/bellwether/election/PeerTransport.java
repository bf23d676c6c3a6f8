package io.bellwether.election;

/**
 * What the core asks of the network: send a fresh frame now rather than at the next
 * interval. Frames themselves are built by the core ({@link ClusterCore#frame}); the
 * transport delivers what arrives to {@link ClusterCore#accept}, and reports connection
 * events ({@link ClusterCore#connectionLost}, {@link ClusterCore#reachable}). TCP in
 * production ({@code io.bellwether.transport}), a simulated network in tests. Must not
 * block: the core calls it right after releasing its lock.
 */
public interface PeerTransport {

	/** Does nothing: for a core that is not connected (tests). */
	PeerTransport NONE = new PeerTransport() {

		@Override
		public void sendNow(int peerId) {
		}

		@Override
		public void sendNowToAll() {
		}

	};

	/**
	 * Send a frame to one peer at once.
	 * @param peerId the peer
	 */
	void sendNow(int peerId);

	/** Send a frame to every other peer at once (this peer's view changed). */
	void sendNowToAll();

}

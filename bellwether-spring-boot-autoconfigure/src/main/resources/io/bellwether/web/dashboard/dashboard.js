// Bellwether dashboard: renders the /events stream of the peer serving this page.
// No build step, no dependencies: a snapshot replaces the state, later events patch it.
(function () {
  'use strict';

  var CAUSES = {
    CONNECTION_LOST: 'crashed: connection closed, reconnect refused',
    TIMEOUT: 'heartbeats stopped (paused or cut off)',
    LEAVE: 'left the group (clean shutdown)'
  };
  var SHORT_CAUSES = {
    CONNECTION_LOST: 'connection lost',
    TIMEOUT: 'heartbeats stopped',
    LEAVE: 'left the group'
  };
  var MAX_TIMELINE = 50;

  var state = null;          // last snapshot, patched by events
  var receivedAt = 0;        // performance.now() when the ages in state were measured
  var heartbeatMillis = 1000;
  var lastMessage = 0;
  var peerCards = {};

  var $ = function (id) { return document.getElementById(id); };

  function peerName(id) { return 'peer ' + id; }

  function formatAge(ms) {
    if (ms === null || ms === undefined) { return 'never'; }
    var s = ms / 1000;
    if (s < 10) { return s.toFixed(1) + ' s ago'; }
    if (s < 60) { return Math.floor(s) + ' s ago'; }
    var m = Math.floor(s / 60);
    if (m < 60) { return m + ' min ' + Math.floor(s % 60) + ' s ago'; }
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min ago';
  }

  function pad(n, width) { n = String(n); while (n.length < width) { n = '0' + n; } return n; }

  function formatTime(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return ''; }
    return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + '.' +
      pad(d.getMilliseconds(), 3);
  }

  function setText(el, text) { if (el.textContent !== text) { el.textContent = text; } }

  function crown() {
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('class', 'crown');
    svg.setAttribute('aria-hidden', 'true');
    var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', 'M3 18h18l-1.5-10-4.5 4-3-7-3 7-4.5-4z');
    svg.appendChild(path);
    return svg;
  }

  // ---- rendering ------------------------------------------------------------

  // Peer ids start at 0: "no leader" is null in the JSON, never a falsy id.
  function isPeer(id) { return id !== null && id !== undefined; }

  function render() {
    if (!state) { return; }
    var self = state.selfId;
    setText($('viewer'), 'the group as ' + peerName(self) + ' sees it');
    setText($('viewer-inline'), peerName(self));
    document.title = 'Bellwether \u00b7 ' + peerName(self);

    var leader = state.leader;
    var leaderEl = $('leader');
    leaderEl.setAttribute('data-leader-id', isPeer(leader.leaderId) ? String(leader.leaderId) : '');
    leaderEl.textContent = '';
    if (isPeer(leader.leaderId)) {
      leaderEl.appendChild(crown());
      leaderEl.appendChild(document.createTextNode('Peer ' + leader.leaderId));
      $('leader-tile').classList.remove('none');
      setText($('leader-note'), leader.leaderId === self ? 'this peer leads' : 'since ' + formatTime(leader.since));
    } else {
      leaderEl.appendChild(document.createTextNode('None'));
      $('leader-tile').classList.add('none');
      setText($('leader-note'), leader.reason || 'no leader');
    }
    setText($('term'), String(leader.term));

    var alive = state.peers.filter(function (p) { return p.status === 'ALIVE'; }).length;
    setText($('alive'), alive + ' of ' + state.peers.length);
    var dead = state.peers.filter(function (p) { return p.status !== 'ALIVE'; }).map(function (p) { return p.id; });
    setText($('alive-note'), dead.length ? 'down: ' + dead.map(peerName).join(', ') : 'every peer is up');

    var container = $('peers');
    var seen = {};
    state.peers.forEach(function (peer) {
      seen[peer.id] = true;
      var card = peerCards[peer.id];
      if (!card) {
        card = $('peer-template').content.firstElementChild.cloneNode(true);
        peerCards[peer.id] = card;
      }
      container.appendChild(card); // keeps the order of state.peers (sorted by id)
      card.setAttribute('data-peer', String(peer.id));
      card.setAttribute('data-status', peer.status);
      card.setAttribute('data-leader', String(peer.id === leader.leaderId));
      card.setAttribute('data-self', String(peer.self));
      setText(card.querySelector('.peer-name'), 'Peer ' + peer.id);
      setText(card.querySelector('.status'), peer.status);
      var follows = !isPeer(peer.follows) ? 'no leader'
        : (peer.follows === peer.id ? 'itself' : peerName(peer.follows)) + ' \u00b7 term ' + peer.term;
      setText(card.querySelector('.follows'), peer.status === 'ALIVE' || peer.self ? follows : 'last said ' + follows);
      setText(card.querySelector('.why'), peer.cause ? CAUSES[peer.cause] || peer.cause : 'never heard from');
      setText(card.querySelector('.address'), peer.host + ':' + peer.port);
    });
    Object.keys(peerCards).forEach(function (id) {
      if (!seen[id]) { peerCards[id].remove(); delete peerCards[id]; }
    });
    renderAges();
  }

  function renderAges() {
    if (!state) { return; }
    var elapsed = performance.now() - receivedAt;
    state.peers.forEach(function (peer) {
      var card = peerCards[peer.id];
      if (!card) { return; }
      // a DEAD peer's age grows between heartbeat events; an ALIVE one's is as last reported
      var text = peer.self ? 'now'
        : (peer.lastSeenMillisAgo === null ? 'never'
          : formatAge(peer.lastSeenMillisAgo + (peer.status === 'ALIVE' ? 0 : elapsed)));
      setText(card.querySelector('.age'), text);
    });
  }

  function timelineEntry(event, data) {
    if (event === 'membership') {
      var dead = data.status === 'DEAD';
      return {
        kind: dead ? 'dead' : 'alive',
        at: data.at,
        text: 'Peer ' + data.peerId + ' is ' + data.status,
        detail: dead ? (SHORT_CAUSES[data.cause] || data.cause) : 'heartbeats arriving'
      };
    }
    var from = isPeer(data.previousLeaderId) ? peerName(data.previousLeaderId) : 'none';
    var to = isPeer(data.leaderId) ? peerName(data.leaderId) : 'none';
    return {
      kind: 'leader',
      at: data.at,
      text: 'Leader ' + from + ' \u2192 ' + to,
      detail: isPeer(data.leaderId) ? 'term ' + data.term : (data.reason || '')
    };
  }

  function addTimeline(event, data, fresh) {
    var entry = timelineEntry(event, data);
    var li = document.createElement('li');
    li.setAttribute('data-kind', entry.kind);
    if (fresh) { li.className = 'fresh'; }
    var time = document.createElement('time');
    time.dateTime = entry.at;
    time.textContent = formatTime(entry.at);
    var mark = document.createElement('span');
    mark.className = 'mark';
    var what = document.createElement('span');
    what.className = 'what';
    what.textContent = entry.text;
    if (entry.detail) {
      var detail = document.createElement('span');
      detail.className = 'detail';
      detail.textContent = ' \u2014 ' + entry.detail;
      what.appendChild(detail);
    }
    li.appendChild(time);
    li.appendChild(mark);
    li.appendChild(what);
    // newest first, by when the change was detected (not when it arrived here)
    var list = $('timeline');
    var at = Date.parse(entry.at);
    var next = null;
    for (var i = 0; i < list.children.length; i++) {
      if (Date.parse(list.children[i].querySelector('time').dateTime) <= at) { next = list.children[i]; break; }
    }
    list.insertBefore(li, next);
    while (list.children.length > MAX_TIMELINE) { list.removeChild(list.lastChild); }
    $('timeline-empty').hidden = true;
  }

  // ---- the stream -------------------------------------------------------------

  function setConnection(stateName, label) {
    var el = $('connection');
    el.setAttribute('data-state', stateName);
    setText($('connection-label'), label);
    document.body.classList.toggle('offline', stateName === 'lost');
  }

  function parse(message) {
    lastMessage = performance.now();
    if (state) { setConnection('live', 'Live'); }
    return JSON.parse(message.data);
  }

  function findPeer(id) {
    for (var i = 0; i < state.peers.length; i++) { if (state.peers[i].id === id) { return state.peers[i]; } }
    return null;
  }

  function rebase() {
    // fold the time elapsed since the ages were measured into the growing (DEAD) ones
    var elapsed = performance.now() - receivedAt;
    state.peers.forEach(function (peer) {
      if (peer.lastSeenMillisAgo !== null && peer.status !== 'ALIVE') { peer.lastSeenMillisAgo += elapsed; }
    });
    receivedAt = performance.now();
  }

  var source = new EventSource('events');

  source.addEventListener('snapshot', function (message) {
    state = parse(message);
    receivedAt = performance.now();
    heartbeatMillis = state.heartbeatMillis || 1000;
    setConnection('live', 'Live');
    $('timeline').textContent = '';
    $('timeline-empty').hidden = false;
    (state.recent || []).forEach(function (recent) { addTimeline(recent.event, recent.data, false); });
    render();
  });

  source.addEventListener('membership', function (message) {
    var change = parse(message);
    if (!state) { return; }
    rebase();
    var peer = findPeer(change.peerId);
    if (peer) {
      peer.status = change.status;
      peer.cause = change.cause;
      peer.incarnation = change.incarnation;
      if (change.status === 'ALIVE') { peer.lastSeenMillisAgo = 0; }
    }
    addTimeline('membership', change, true);
    render();
  });

  source.addEventListener('leader', function (message) {
    var change = parse(message);
    if (!state) { return; }
    state.leader = { leaderId: change.leaderId, term: change.term, since: change.at, reason: change.reason };
    var self = findPeer(state.selfId);
    if (self) { self.follows = change.leaderId; self.term = change.term; }
    addTimeline('leader', change, true);
    render();
  });

  source.addEventListener('heartbeat', function (message) {
    var beat = parse(message);
    if (!state) { return; }
    receivedAt = performance.now();
    state.leader.term = beat.term;
    beat.peers.forEach(function (pulse) {
      var peer = findPeer(pulse.id);
      if (peer) {
        peer.lastSeenMillisAgo = pulse.lastSeenMillisAgo;
        peer.follows = pulse.follows;
        peer.term = pulse.term;
      }
    });
    render();
  });

  source.onopen = function () { if (state) { setConnection('live', 'Live'); } };
  source.onerror = function () {
    var who = state ? peerName(state.selfId) : 'the peer';
    setConnection('lost', 'Lost contact with ' + who + ' \u2014 retrying');
  };

  // ages tick between heartbeats; a silent stream is flagged
  setInterval(function () {
    renderAges();
    if (state && source.readyState === 1 && performance.now() - lastMessage > 3 * heartbeatMillis + 1000) {
      setConnection('lost', 'No news from ' + peerName(state.selfId) + ' \u2014 waiting');
    }
  }, 200);
}());

// Zemus Messaging console: one WebSocket device of one user, and the REST send, as docs/PROTOCOL.md says.
// No framework, no build step. Every text from the network goes through textContent, never innerHTML;
// no inline handlers, so the page runs under the strict Content-Security-Policy the server sets.
'use strict';

(() => {
  // Delivery states in the order they can only move forward; a received message starts at "received".
  const RANK = { received: 0, sent: 0, delivered: 1, read: 2 };
  const MAX_IDS_PER_FRAME = 500;
  const CLOSE_HINTS = {
    1000: 'normal close',
    1001: 'the node is shutting down: reconnect',
    1006: 'no close frame: upgrade refused (wrong id or token?) or connection lost',
    1008: 'the token is no longer valid: get a fresh one',
    1009: 'a frame was too large',
    1011: 'the server failed to replay: reconnect',
    1013: 'this tab stopped reading: reconnect',
    4000: 'keepalive timeout: reconnect',
    4001: 'the user opened too many connections; this was the oldest',
    4002: 'the node lost its link to the other nodes: reconnect',
    4003: 'too many frames waiting to be handled: reconnect, send fewer at once',
    4004: 'too many malformed frames'
  };

  const $ = (id) => document.getElementById(id);
  const ui = {
    connectForm: $('connect-form'), userId: $('user-id'), token: $('token'),
    connect: $('connect'), reconnect: $('reconnect'), disconnect: $('disconnect'),
    state: $('connection-state'), closeInfo: $('close-info'), closeCode: $('close-code'),
    closeReason: $('close-reason'), lastId: $('last-id'),
    sendForm: $('send-form'), friendId: $('friend-id'), text: $('message-text'), send: $('send'),
    sendError: $('send-error'), markRead: $('mark-read'), messages: $('messages'), log: $('log'),
    typing: $('typing'), unreadTotal: $('unread-total'), friendPresence: $('friend-presence'),
    friendUnread: $('friend-unread')
  };

  // The session: who we are, kept in memory only (never in storage or in the URL).
  let me = null;
  let token = null;
  let socket = null;
  let lastId = 0;
  const shown = new Map();    // message id -> { message, item }
  const receipts = new Map(); // message id -> state, for receipts that outrun their message
  let deliveredQueue = [];
  let pendingSend = null;     // { friendId, text, key } of a send whose outcome is unknown (retry with its key)
  const typingFrom = new Map(); // friend id -> timer that hides their indicator (expiresIn, as the server says)
  const unreadFrom = new Map(); // friend id -> their messages not read yet, as the server last said
  const presenceOf = new Map(); // user id -> the last presence frame about them

  // --- Connection --------------------------------------------------------------------------------------

  function connect(since) {
    if (socket) {
      const old = socket;
      socket = null;
      old.close(1000, 'reconnecting');
    }
    const query = 'id=' + encodeURIComponent(me) + (since > 0 ? '&since=' + since : '');
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    setState('connecting', 'connecting' + (since > 0 ? ' (since ' + since + ')' : ''));
    let ws;
    try {
      // Browsers cannot set Authorization on a WebSocket: the token travels as the second subprotocol.
      ws = new WebSocket(scheme + '//' + location.host + '/ws?' + query, ['bearer', token]);
    } catch (e) {
      setState('closed', 'closed');
      log('cannot connect: ' + e.message);
      updateButtons();
      return;
    }
    socket = ws;
    ws.addEventListener('message', (event) => { if (socket === ws) onFrame(event.data); });
    ws.addEventListener('close', (event) => { if (socket === ws) onClose(event); });
    updateButtons();
  }

  function onClose(event) {
    socket = null;
    setState('closed', 'closed');
    ui.closeCode.textContent = String(event.code);
    ui.closeReason.textContent = event.reason || CLOSE_HINTS[event.code] || '';
    ui.closeInfo.hidden = false;
    log('closed ' + event.code + (event.reason ? ' ' + event.reason : ''));
    updateButtons();
  }

  function onFrame(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (e) {
      log('unreadable frame ignored');
      return;
    }
    switch (frame.type) {
      case 'ready':
        // Registered by the server: from now on every message to or from us reaches this tab.
        setState('open', 'open');
        ui.closeInfo.hidden = true;
        log('ready: connection ' + frame.connectionId);
        sendFrame({ type: 'unread' }); // the badge, then every change comes as unread frames
        watchFriend();
        break;
      case 'message':
        show(frame);
        if (frame.total !== undefined) { // a message to us, live: our counts right after it
          showUnread({ friendId: frame.senderId, unread: frame.unread, total: frame.total });
        }
        break;
      case 'receipt':
        for (const id of frame.ids || []) {
          advance(id, frame.status);
        }
        log('receipt ' + frame.status + ' by ' + frame.by + ' for ' + (frame.ids || []).join(', '));
        break;
      case 'truncated':
        log('replay truncated: messages between ' + frame.since + ' and ' + frame.before + ' are only in history');
        break;
      case 'recovered':
        log('recovered ' + frame.count + ' message(s) since ' + frame.since);
        break;
      case 'error':
        log('error frame: ' + frame.status + ' ' + frame.code + ' ' + (frame.detail || ''));
        break;
      case 'typing':
        showTyping(String(frame.from), frame.state === 'start', frame.expiresIn);
        break;
      case 'unread':
        showUnread(frame);
        break;
      case 'presence':
        presenceOf.set(String(frame.userId), frame);
        showFriend();
        log('presence of ' + frame.userId + ': ' + frame.state);
        break;
      default:
        log('frame ignored: ' + frame.type); // newer protocol versions may add types
    }
    updateButtons();
  }

  function setState(state, text) {
    ui.state.dataset.state = state;
    ui.state.textContent = text;
  }

  function isOpen() {
    return socket !== null && socket.readyState === WebSocket.OPEN && ui.state.dataset.state === 'open';
  }

  function sendFrame(frame) {
    if (isOpen()) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  // --- Messages ----------------------------------------------------------------------------------------

  function show(message) {
    if (message.id > lastId) {
      lastId = message.id;
      ui.lastId.textContent = String(lastId);
    }
    const incoming = String(message.receiverId) === me && String(message.senderId) !== me;
    if (incoming && typingFrom.has(String(message.senderId))) {
      showTyping(String(message.senderId), false); // the message they were typing is here
    }
    let entry = shown.get(message.id);
    if (!entry) {
      entry = { message, item: render(message, incoming) };
      shown.set(message.id, entry);
      insertInOrder(entry.item, message.id);
      setItemState(entry, incoming ? 'received' : 'sent');
      if (receipts.has(message.id)) {
        advance(message.id, receipts.get(message.id));
        receipts.delete(message.id);
      }
    }
    if (message.delivery) {
      entry.item.querySelector('.delivery').textContent = message.delivery.pushed
        ? ' · pushed (recipient offline)'
        : ' · to ' + message.delivery.devices + ' device(s)';
    }
    // Replays carry the receipts recorded while we were away.
    if (message.readAt) {
      advance(message.id, 'read');
    } else if (message.deliveredAt) {
      advance(message.id, 'delivered');
    } else if (incoming) {
      queueDelivered(message.id);
    }
    updateButtons();
  }

  function render(message, incoming) {
    const item = document.createElement('li');
    item.dataset.testid = 'message';
    item.dataset.messageId = String(message.id);
    item.dataset.direction = incoming ? 'in' : 'out';
    item.dataset.sender = String(message.senderId);
    item.dataset.receiver = String(message.receiverId);

    const meta = document.createElement('div');
    meta.className = 'meta';
    const sentAt = new Date(message.sentAt);
    meta.textContent = '#' + message.id + ' · ' + message.senderId + ' → ' + message.receiverId + ' · '
      + (isNaN(sentAt) ? message.sentAt : sentAt.toLocaleTimeString());
    const delivery = document.createElement('span');
    delivery.className = 'delivery';
    meta.append(delivery);

    const content = document.createElement('div');
    content.className = 'content';
    content.dataset.testid = 'message-content';
    content.textContent = message.content;

    const state = document.createElement('div');
    state.className = 'state';
    state.dataset.testid = 'message-state';

    item.append(meta, content, state);
    return item;
  }

  function insertInOrder(item, id) {
    for (const other of ui.messages.children) {
      if (Number(other.dataset.messageId) > id) {
        ui.messages.insertBefore(item, other);
        return;
      }
    }
    ui.messages.append(item);
  }

  /** Moves a message forward to the state; receipts may come before the message (kept until it does). */
  function advance(id, state) {
    if (!(state in RANK)) {
      return;
    }
    const entry = shown.get(id);
    if (!entry) {
      if (!receipts.has(id) || RANK[state] > RANK[receipts.get(id)]) {
        receipts.set(id, state);
      }
      return;
    }
    if (RANK[state] > RANK[entry.item.dataset.state]) {
      setItemState(entry, state);
    }
  }

  function setItemState(entry, state) {
    entry.item.dataset.state = state;
    entry.item.querySelector('.state').textContent = state;
  }

  function queueDelivered(id) {
    deliveredQueue.push(id);
    if (deliveredQueue.length === 1) {
      // One frame for a burst (a replay delivers hundreds in one task).
      setTimeout(flushDelivered, 0);
    }
  }

  function flushDelivered() {
    const ids = deliveredQueue;
    deliveredQueue = [];
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_FRAME) {
      const chunk = ids.slice(i, i + MAX_IDS_PER_FRAME);
      if (sendFrame({ type: 'delivered', ids: chunk })) {
        chunk.forEach((id) => advance(id, 'delivered'));
      }
    }
  }

  /** Sends one read frame per friend, up to the newest message received from them. */
  function markRead() {
    const upTo = new Map();
    for (const { message, item } of shown.values()) {
      if (item.dataset.direction === 'in' && item.dataset.state !== 'read') {
        const friend = String(message.senderId);
        upTo.set(friend, Math.max(upTo.get(friend) || 0, message.id));
      }
    }
    for (const [friend, id] of upTo) {
      if (sendFrame({ type: 'read', friendId: Number(friend), upTo: id })) {
        for (const { message } of shown.values()) {
          if (String(message.senderId) === friend && String(message.receiverId) === me && message.id <= id) {
            advance(message.id, 'read');
          }
        }
      }
    }
    updateButtons();
  }

  // --- Sending over REST -------------------------------------------------------------------------------

  async function send(friendId, text) {
    // A retry of the same text to the same friend after an unknown outcome reuses the key: stored once.
    if (!pendingSend || pendingSend.friendId !== friendId || pendingSend.text !== text) {
      pendingSend = { friendId, text, key: randomKey() };
    }
    const attempt = pendingSend;
    ui.send.disabled = true;
    hideError();
    try {
      const response = await fetch('/users/' + encodeURIComponent(me) + '/friends/'
          + encodeURIComponent(friendId) + '/message', {
        method: 'POST',
        headers: {
          'Authorization': 'Bearer ' + token,
          'Content-Type': 'application/json',
          'Accept': 'application/json, application/problem+json',
          'Idempotency-Key': attempt.key
        },
        body: JSON.stringify({ message: text })
      });
      if (response.status < 500) {
        pendingSend = null; // a definite answer: the next send is a new message
      }
      if (response.ok) {
        show(await response.json());
        ui.text.value = '';
      } else {
        await showProblem(response);
      }
    } catch (e) {
      showError('Network error: ' + e.message + '. Sending again retries the same message safely.');
    } finally {
      ui.send.disabled = me === null;
    }
  }

  async function showProblem(response) {
    let text = response.status + ' ' + (response.statusText || '');
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      try {
        const problem = await response.json();
        text = problem.status + ' ' + problem.code + ': ' + (problem.detail || problem.title || '');
      } catch (e) {
        // keep the status line
      }
    }
    const retryAfter = response.headers.get('Retry-After');
    if (retryAfter) {
      text += ' (retry after ' + retryAfter + ' s)';
    }
    showError(text);
  }

  function showError(text) {
    ui.sendError.textContent = text;
    ui.sendError.hidden = false;
  }

  function hideError() {
    ui.sendError.textContent = '';
    ui.sendError.hidden = true;
  }

  function randomKey() {
    // crypto.randomUUID() needs a secure context; getRandomValues does not.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // --- Page --------------------------------------------------------------------------------------------

  function log(text) {
    const line = document.createElement('li');
    line.textContent = new Date().toLocaleTimeString() + '  ' + text;
    ui.log.prepend(line);
    while (ui.log.children.length > 200) {
      ui.log.lastElementChild.remove();
    }
  }

  function updateButtons() {
    const live = socket !== null;
    ui.disconnect.disabled = !live;
    ui.reconnect.disabled = live || me === null;
    ui.send.disabled = me === null;
    const unread = Array.from(shown.values())
      .some(({ item }) => item.dataset.direction === 'in' && item.dataset.state !== 'read');
    ui.markRead.disabled = !isOpen() || !unread;
  }

  ui.connectForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = ui.userId.value.trim();
    if (id !== me) {
      // Another user: start from an empty list.
      shown.clear();
      unreadFrom.clear();
      presenceOf.clear();
      receipts.clear();
      ui.messages.replaceChildren();
      lastId = 0;
      ui.lastId.textContent = 'none';
    }
    me = id;
    token = ui.token.value;
    connect(0);
  });

  ui.reconnect.addEventListener('click', () => connect(lastId));

  ui.disconnect.addEventListener('click', () => {
    if (socket) {
      socket.close(1000, 'closed by the user');
    }
  });

  ui.sendForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (me !== null) {
      const friend = ui.friendId.value.trim();
      send(friend, ui.text.value);
      if (/^[1-9][0-9]*$/.test(friend)) {
        sendFrame({ type: 'typing', to: Number(friend), state: 'stop' });
      }
    }
  });

  ui.markRead.addEventListener('click', markRead);

  // --- Typing ------------------------------------------------------------------------------------------

  // Every keystroke says "typing" to the friend; the server passes on at most one per interval.
  ui.text.addEventListener('input', () => {
    const friend = ui.friendId.value.trim();
    if (/^[1-9][0-9]*$/.test(friend) && ui.text.value !== '') {
      sendFrame({ type: 'typing', to: Number(friend), state: 'start' });
    }
  });

  function showTyping(friend, typing, expiresIn) {
    clearTimeout(typingFrom.get(friend));
    typingFrom.delete(friend);
    if (typing) {
      // Hidden by itself after expiresIn seconds: a lost "stop" must not leave it on.
      typingFrom.set(friend, setTimeout(() => showTyping(friend, false), (expiresIn || 6) * 1000));
    }
    const who = [...typingFrom.keys()];
    ui.typing.textContent = who.length === 0 ? '' : who.join(', ') + (who.length === 1 ? ' is' : ' are') + ' typing…';
    ui.typing.hidden = who.length === 0;
  }

  // --- Badges and presence -----------------------------------------------------------------------------

  function showUnread(frame) {
    if (frame.total !== undefined) {
      setCount(ui.unreadTotal, frame.total);
    }
    if (frame.friendId !== undefined) {
      unreadFrom.set(String(frame.friendId), frame.unread);
      showFriend();
    }
  }

  function setCount(output, count) {
    output.textContent = String(count);
    output.dataset.count = String(count);
  }

  /** Watches the friend in the send form (the server tells their state at once, then every change). */
  function watchFriend() {
    const friend = ui.friendId.value.trim();
    sendFrame({ type: 'presence', watch: /^[1-9][0-9]*$/.test(friend) && friend !== me ? [Number(friend)] : [] });
    showFriend();
  }

  function showFriend() {
    const friend = ui.friendId.value.trim();
    const presence = presenceOf.get(friend);
    if (!presence) {
      ui.friendPresence.dataset.state = 'unknown';
      ui.friendPresence.textContent = 'unknown';
    } else if (presence.state === 'online') {
      ui.friendPresence.dataset.state = 'online';
      ui.friendPresence.textContent = friend + ' online';
    } else {
      const seen = presence.lastSeen ? new Date(presence.lastSeen) : null;
      ui.friendPresence.dataset.state = 'offline';
      ui.friendPresence.textContent = friend + ' offline'
        + (seen && !isNaN(seen) ? ', last seen ' + seen.toLocaleTimeString() : ', never seen');
    }
    setCount(ui.friendUnread, unreadFrom.get(friend) || 0);
  }

  ui.friendId.addEventListener('change', watchFriend);

  // Convenience for developers: /console/?id=1&to=2 fills the ids (never the token: URLs get logged).
  const params = new URLSearchParams(location.search);
  if (/^[1-9][0-9]*$/.test(params.get('id') || '')) {
    ui.userId.value = params.get('id');
  }
  if (/^[1-9][0-9]*$/.test(params.get('to') || '')) {
    ui.friendId.value = params.get('to');
  }
  document.documentElement.dataset.console = 'ready'; // the script ran: the forms are wired
  updateButtons();
})();

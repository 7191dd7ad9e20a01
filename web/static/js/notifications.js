/*
 * Live unread badge and inbox: connects to socket.io with the session cookie, keeps the header's
 * badge current, and on every (re)connect asks for what arrived while it was away. Without this
 * script the badge still shows the count rendered by the server.
 */
(function () {
  'use strict';
  var link = document.getElementById('messages-link');
  var badge = document.getElementById('unread-badge');
  if (!link || !badge || typeof window.io !== 'function') return;

  var lastId = null;
  var list = document.getElementById('notification-list');

  function setUnread(count) {
    badge.dataset.count = String(count);
    badge.textContent = count > 0 ? (count > 99 ? '99+' : String(count)) : '';
    badge.hidden = count <= 0;
    var label = link.dataset.label || '';
    link.setAttribute(
      'aria-label',
      count > 0 ? label + ' · ' + (link.dataset.unread || '').replace('{count}', count) : label,
    );
  }

  // Ids are decimal strings of any length; no BigInt, which older Android browsers lack.
  function newer(a, b) {
    return a.length !== b.length ? a.length > b.length : a > b;
  }

  function remember(id) {
    if (id && (lastId === null || newer(id, lastId))) lastId = id;
  }

  function toast(notice) {
    var box = document.createElement('a');
    box.className = 'notification-toast';
    box.href = '/notifications';
    box.setAttribute('role', 'status');
    var title = document.createElement('strong');
    title.textContent = notice.title;
    var body = document.createElement('span');
    body.textContent = notice.body;
    box.appendChild(title);
    box.appendChild(body);
    document.body.appendChild(box);
    setTimeout(function () {
      box.remove();
    }, 8000);
  }

  // On the inbox page, a new notice appears at the top (text only; the server renders the rest on reload).
  function prepend(notice) {
    if (!list || document.getElementById('notification-' + notice.id)) return;
    var item = document.createElement('li');
    item.className = 'card notification unread';
    item.id = 'notification-' + notice.id;
    var title = document.createElement('h2');
    title.textContent = notice.title;
    var body = document.createElement('p');
    body.textContent = notice.body;
    item.appendChild(title);
    item.appendChild(body);
    list.insertBefore(item, list.firstChild);
  }

  function show(notice) {
    remember(notice.id);
    if (list) prepend(notice);
    else toast(notice);
  }

  // WebSocket first: behind several app replicas it needs no sticky sessions; long-polling
  // stays as the fallback for networks that block WebSockets.
  var socket = window.io({ transports: ['websocket', 'polling'], tryAllTransports: true });
  socket.on('connect', function () {
    socket.emit('notification:sync', { afterId: lastId }, function (result) {
      result.items.forEach(show);
      remember(result.lastId);
      setUnread(result.unread);
      // Caught up and listening (tests and styles can tell a live badge from a stale one).
      link.dataset.live = 'yes';
    });
  });
  socket.on('disconnect', function () {
    link.dataset.live = 'no';
  });
  socket.on('notification:new', function (payload) {
    show(payload.notification);
    setUnread(payload.unread);
  });
  socket.on('notification:unread', function (payload) {
    setUnread(payload.unread);
  });
})();

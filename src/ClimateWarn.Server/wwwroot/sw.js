// The farmer page's service worker: an offline shell and Web Push.
// Offline: every same-origin GET the page makes (the page, its scripts, styles and the bureau's lists, the farmer's
// warnings) is answered from the network when it can be and kept; without a network the kept copy answers, so a reload
// shows the last warnings and their time. Registered for the farmer page only (scope /farmer): no other page's answers
// are kept, and operators' records, sign-in and the live hub never are.
// Push: a pushed message (RFC 8291, decrypted by the browser) becomes a notification that opens the farmer page.
const CACHE = "climatewarn-farmer-v1";
const SHELL = ["/farmer", "/farmer.html", "/app.css", "/js/farmer.js", "/js/common.js", "/js/i18n.js", "/js/dom.js", "/js/live.js", "/js/map.js", "/js/advice.js",
  "/lib/signalr.min.js", "/lib/echarts.min.js", "/manifest.webmanifest", "/icon.svg"];

self.addEventListener("install", event => {
  // Best effort: a file missing from the shell list must not stop the worker from installing.
  event.waitUntil(caches.open(CACHE).then(c => Promise.all(SHELL.map(u => c.add(u).catch(() => undefined)))).then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
  event.waitUntil(caches.keys().then(keys => Promise.all(keys.filter(k => k !== CACHE).map(k => caches.delete(k)))).then(() => self.clients.claim()));
});

const kept = url => url.origin === self.location.origin && !url.pathname.startsWith("/hubs/") && !url.pathname.startsWith("/api/auth")
  && !url.pathname.startsWith("/api/ops") && !url.pathname.startsWith("/api/audit");

self.addEventListener("fetch", event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !kept(url)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      if (response.ok) await cache.put(request, response.clone());
      return response;
    } catch (e) {
      const copy = await cache.match(request, { ignoreSearch: url.pathname.endsWith(".html") || url.pathname.startsWith("/js/") || url.pathname.startsWith("/lib/") });
      if (copy) return copy;
      throw e;
    }
  })());
});

self.addEventListener("push", event => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch { data = { title: event.data?.text() }; }
  event.waitUntil(self.registration.showNotification(data.title || "气象预警", {
    body: data.body || "",
    tag: data.id ? `${data.id}` : undefined,
    renotify: true,
    data: { url: "/farmer" },
    lang: "zh-CN",
  }));
});

self.addEventListener("notificationclick", event => {
  event.notification.close();
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(list => {
    const open = list.find(c => new URL(c.url).pathname.startsWith("/farmer"));
    return open ? open.focus() : self.clients.openWindow(event.notification.data?.url || "/farmer");
  }));
});

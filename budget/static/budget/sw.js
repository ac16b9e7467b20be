// Serap service worker: network first for the dashboard pages; when the network fails, the last
// page loaded (with its own "Data per …" timestamp) is served from the cache.
"use strict";
var CACHE = "serap-v1";
var SHELL = ["/static/budget/serap.css", "/static/budget/serap.js"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL).catch(function () {}); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  var page = url.pathname.indexOf("/serap/") === 0 && request.mode === "navigate";
  var asset = SHELL.indexOf(url.pathname) !== -1 || url.pathname.indexOf("/static/") === 0;
  if (!page && !asset) { return; }
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(request).then(function (cached) {
        if (cached && page) {
          self.clients.get(event.resultingClientId || event.clientId).then(function (client) {
            if (client) { client.postMessage("from-cache"); }
          });
        }
        return cached || Response.error();
      });
    })
  );
});

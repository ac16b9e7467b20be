// Serap: register our service worker and say when the figures shown are the last ones cached.
(function () {
  "use strict";
  var banner = document.getElementById("offline-banner");
  function show() { if (banner) { banner.hidden = navigator.onLine; } }
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  show();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(document.body.dataset.sw, { scope: "/serap/" }).catch(function () {});
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data === "from-cache" && banner) { banner.hidden = false; }
    });
  }
})();

/* Citizens' forms: a draft kept in this browser's storage (restored after a dropped
   connection or a reload), kecamatan → kelurahan/desa filtering, and the map picker.
   Everything here is an enhancement: the forms work without JavaScript. */
(function () {
  "use strict";

  function draftable(el) {
    if (!el.name || el.disabled) return false;
    var t = (el.type || "").toLowerCase();
    if (["file", "hidden", "password", "submit", "button"].indexOf(t) >= 0) return false;
    return el.name !== "website" && el.name !== "csrfmiddlewaretoken" && el.name !== "secret";
  }

  function setupDraft(form) {
    var key = "sepakat-draft:" + form.getAttribute("data-draft");
    var store;
    try { store = window.localStorage; store.getItem(key); } catch (e) { return; }
    var fields = Array.prototype.filter.call(form.elements, draftable);
    function save() {
      var data = {};
      fields.forEach(function (el) {
        if (el.type === "radio" || el.type === "checkbox") { if (el.checked) data[el.name + "=" + el.value] = true; }
        else data[el.name] = el.value;
      });
      try { store.setItem(key, JSON.stringify(data)); } catch (e) { /* full or private mode */ }
    }
    var raw = store.getItem(key);
    var typed = fields.some(function (el) { return el.tagName === "TEXTAREA" || el.type === "text" ? el.value : false; });
    if (raw && !typed) {
      var data = JSON.parse(raw), restored = false;
      fields.forEach(function (el) {
        if (el.type === "radio" || el.type === "checkbox") {
          if (data[el.name + "=" + el.value]) { el.checked = true; restored = true; }
        } else if (data[el.name]) { el.value = data[el.name]; restored = true; }
      });
      var note = document.getElementById("draft-note");
      if (restored && note) note.hidden = false;
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
  }

  function setupKelurahan() {
    var kec = document.getElementById("id_kecamatan"), kel = document.getElementById("id_kelurahan");
    if (!kec || !kel) return;
    function filter() {
      var chosen = kec.value;
      Array.prototype.forEach.call(kel.options, function (opt) {
        var parent = opt.getAttribute("data-kecamatan");
        var show = !opt.value || !chosen || parent === chosen;
        opt.hidden = !show; opt.disabled = !show;
        if (!show && opt.selected) kel.value = "";
      });
      Array.prototype.forEach.call(kel.querySelectorAll("optgroup"), function (group) {
        var show = !chosen || !!group.querySelector("option:not([hidden])");
        group.hidden = !show; group.disabled = !show;
      });
    }
    kec.addEventListener("change", filter);
    filter();
  }

  function setupMap() {
    var box = document.getElementById("map-picker");
    var lat = document.getElementById("id_lat"), lng = document.getElementById("id_long");
    var status = document.getElementById("location-status");
    if (!box || !lat || !lng) return;
    var button = document.getElementById("use-my-location");
    function say(what) { if (status) status.textContent = status.getAttribute("data-" + what) || ""; }
    var map = null, marker = null;
    function place(latitude, longitude, zoom) {
      lat.value = latitude.toFixed(6); lng.value = longitude.toFixed(6);
      lat.dispatchEvent(new Event("input", { bubbles: true }));
      if (!map) return;
      if (!marker) {
        marker = window.L.marker([latitude, longitude], { draggable: true, keyboard: true }).addTo(map);
        marker.on("dragend", function () { var p = marker.getLatLng(); place(p.lat, p.lng); });
      } else marker.setLatLng([latitude, longitude]);
      map.setView([latitude, longitude], zoom || map.getZoom());
    }
    if (window.L) {
      box.hidden = false;
      box.setAttribute("role", "application");
      box.setAttribute("aria-label", box.getAttribute("data-label") || "");
      var start = lat.value && lng.value ? [parseFloat(lat.value), parseFloat(lng.value)] : [4.1367, 117.6667];
      map = window.L.map(box).setView(start, lat.value ? 15 : 10);
      window.L.tileLayer(box.getAttribute("data-tiles"), {
        maxZoom: 19, attribution: box.getAttribute("data-attribution") || "",
      }).addTo(map);
      if (lat.value && lng.value) place(start[0], start[1]);
      map.on("click", function (e) { place(e.latlng.lat, e.latlng.lng); say("found"); });
    }
    if (button && navigator.geolocation) {
      button.hidden = false;
      button.addEventListener("click", function () {
        say("locating");
        navigator.geolocation.getCurrentPosition(
          function (pos) { place(pos.coords.latitude, pos.coords.longitude, 17); say("found"); },
          function () { say("failed"); },
          { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
        );
      });
    }
  }

  function init() {
    document.querySelectorAll("[data-clear-draft]").forEach(function (el) {
      try { window.localStorage.removeItem("sepakat-draft:" + el.getAttribute("data-clear-draft")); } catch (e) { /* */ }
    });
    document.querySelectorAll("form[data-draft]").forEach(setupDraft);
    setupKelurahan();
    setupMap();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

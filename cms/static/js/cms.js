/* Progressive enhancement only: the site works without this file.
   1. Search suggestions (prefix matches) in the search boxes' <datalist>.
   2. Chart tooltips on focus/hover (SVG <title> already gives native tooltips).
   3. On a phone the main menu folds behind its "Menu" button. */
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !window.fetch) { return; }
    var update = debounce(function () {
      var q = input.value.trim();
      if (q.length < 2) { return; }
      fetch(input.dataset.suggestUrl + "?query=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.suggestions.forEach(function (title) {
            var option = document.createElement("option");
            option.value = title;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
    input.addEventListener("input", update);
  });

  document.querySelectorAll(".site-nav").forEach(function (nav) {
    var toggle = nav.querySelector(".nav-toggle");
    if (!toggle || nav.querySelectorAll("li").length < 3) { return; }
    nav.classList.add("nav-collapsible", "nav-collapsed");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("nav-collapsed") === false;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  });

  document.querySelectorAll(".chart-wrap").forEach(function (wrap) {
    var tip = document.createElement("div");
    tip.className = "chart-tooltip";
    tip.setAttribute("aria-hidden", "true");
    tip.hidden = true;
    wrap.appendChild(tip);
    wrap.querySelectorAll(".chart-mark").forEach(function (mark) {
      var title = mark.querySelector("title");
      if (!title) { return; }
      function show(event) {
        var box = wrap.getBoundingClientRect();
        var target = mark.getBoundingClientRect();
        tip.textContent = title.textContent;
        tip.style.left = (target.left + target.width / 2 - box.left) + "px";
        tip.style.top = (target.top - box.top) + "px";
        tip.hidden = false;
      }
      function hide() { tip.hidden = true; }
      mark.addEventListener("mouseenter", show);
      mark.addEventListener("mouseleave", hide);
    });
  });
})();

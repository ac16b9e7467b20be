/* Zoom for the performance tree: buttons scale the SVG; the frame scrolls (no libraries). */
(function () {
  "use strict";
  function setup(frame) {
    var svg = frame.querySelector("svg.pohon-svg");
    if (!svg) { return; }
    var width = parseFloat(svg.getAttribute("data-width"));
    var height = parseFloat(svg.getAttribute("data-height"));
    var fit = Math.min(1, frame.clientWidth / width);
    var scale = fit;
    function apply() {
      svg.setAttribute("width", Math.round(width * scale));
      svg.setAttribute("height", Math.round(height * scale));
      var out = frame.parentNode.querySelector("[data-pohon-skala]");
      if (out) { out.textContent = Math.round(scale * 100) + "%"; }
    }
    frame.parentNode.querySelectorAll("[data-pohon-zoom]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var step = button.getAttribute("data-pohon-zoom");
        if (step === "in") { scale = Math.min(scale * 1.25, 4); }
        else if (step === "out") { scale = Math.max(scale / 1.25, 0.1); }
        else { scale = fit; }
        apply();
      });
    });
    apply();
  }
  document.querySelectorAll("[data-pohon]").forEach(setup);
})();

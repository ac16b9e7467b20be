/*
 * The report fill page, live: conditional fields shown and hidden as the operator types,
 * required marks and computed values updated, and "Tambah baris" adding a row without a reload.
 *
 * No rule lives here. Every answer comes from the one evaluate endpoint
 * (POST /admin/forms_builder/evaluate/, forms_builder.services.form_evaluate_live), which runs the
 * same validation and scoring as saving. Without this script the page still works: every field
 * is shown with its hint, "Tambah baris" saves the draft and reloads, and the server checks all.
 */
(function () {
  "use strict";

  var form = document.getElementById("report-form");
  if (!form || !form.dataset.evaluateUrl || !window.fetch) {
    return;
  }
  var DELAY = 300;
  var timer = null;
  var sequence = 0;
  var controller = null;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
  var touched = {}; // paths the operator has changed on this page: their errors show while typing
  var requiredAtLoad = null; // paths required before any change: a newly required one shows its error

  /* A Rupiah amount grouped as it is shown after a reload ("1500000" → "1.500.000"); other text is
   * left for the server to judge. */
  function groupMoney(input) {
    var digits = input.value.replace(/^\s*Rp\s*/i, "").replace(/[.\s]/g, "");
    if (/^\d+$/.test(digits)) {
      var grouped = digits.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ".");
      if (grouped !== input.value) {
        input.value = grouped;
      }
    }
  }

  /* Each field's live errors under its input (touched fields, and fields a condition just made
   * required); the server still checks everything on save. */
  function showErrors(result) {
    var byPath = {};
    (result.errors || []).forEach(function (e) { byPath[e.path] = e.messages.join(" "); });
    var required = {};
    (result.required || []).forEach(function (p) { required[p] = true; });
    if (requiredAtLoad === null) {
      requiredAtLoad = required;
    }
    form.querySelectorAll("[data-live-error-for]").forEach(function (el) {
      if (!byPath[el.dataset.liveErrorFor] || !touched[el.dataset.liveErrorFor]) {
        el.hidden = true;
      }
    });
    Object.keys(byPath).forEach(function (path) {
      var newlyRequired = required[path] && !requiredAtLoad[path];
      if (!touched[path] && !newlyRequired) {
        return;
      }
      var input = form.elements.namedItem("f-" + path);
      if (input && input.length !== undefined && !input.tagName) {
        input = input[0];
      }
      var holder = input ? input.closest("td, .report-field") : document.getElementById("field-" + path);
      if (!holder) {
        return;
      }
      form.querySelectorAll("[data-error-for='" + CSS.escape(path) + "']").forEach(function (el) { el.hidden = true; });
      var node = holder.querySelector("[data-live-error-for='" + CSS.escape(path) + "']");
      if (!node) {
        node = document.createElement("p");
        node.className = "error-message report-live-error";
        node.setAttribute("role", "alert");
        node.id = "live-error-" + path;
        node.dataset.liveErrorFor = path;
        if (input && input.parentNode === holder) {
          input.insertAdjacentElement("afterend", node);
        } else {
          holder.appendChild(node);
        }
        if (input) {
          input.setAttribute("aria-describedby", node.id);
        }
      }
      node.textContent = byPath[path];
      node.hidden = false;
      if (input) {
        input.setAttribute("aria-invalid", "true");
      }
    });
    Object.keys(touched).forEach(function (path) {
      var input = form.elements.namedItem("f-" + path);
      if (input && input.tagName && !byPath[path]) {
        input.removeAttribute("aria-invalid");
      }
    });
  }

  function touch(event) {
    var name = event.target && event.target.name;
    if (name && name.indexOf("f-") === 0 && !/\.__delete$/.test(name)) {
      touched[name.slice(2)] = true;
    }
  }

  /* The answers as the endpoint reads them: {key: text, table: [{column: text}]}; rows keep
   * their index (a row marked for deletion goes as empty) so paths line up with the page. */
  function answers() {
    var out = {};
    var deleted = {};
    var i;
    for (i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (el.name && /\.__delete$/.test(el.name) && el.checked) {
        deleted[el.name.slice(2, -9)] = true;
      }
    }
    for (i = 0; i < form.elements.length; i++) {
      var input = form.elements[i];
      var name = input.name || "";
      if (name.indexOf("f-") !== 0 || /\.__delete$/.test(name)) {
        continue;
      }
      var path = name.slice(2);
      var parts = path.split(".");
      var target = out;
      var key = path;
      if (parts.length === 3) {
        var rows = out[parts[0]] || (out[parts[0]] = []);
        var index = parseInt(parts[1], 10);
        while (rows.length <= index) {
          rows.push({});
        }
        if (deleted[parts[0] + "." + parts[1]]) {
          continue;
        }
        target = rows[index];
        key = parts[2];
      }
      if (input.type === "checkbox") {
        var list = target[key] || (target[key] = []);
        if (input.checked) {
          list.push(input.value);
        }
      } else if (input.type !== "file") {
        target[key] = input.value;
      }
    }
    return out;
  }

  function show(result) {
    var hidden = {};
    var required = {};
    (result.hidden || []).forEach(function (p) { hidden[p] = true; });
    (result.required || []).forEach(function (p) { required[p] = true; });
    form.querySelectorAll("[data-path]").forEach(function (el) {
      var path = el.dataset.path;
      var isHidden = !!hidden[path];
      if (el.tagName === "TD") {
        el.style.visibility = isHidden ? "hidden" : "";
      } else {
        el.hidden = isHidden;
      }
    });
    form.querySelectorAll("[data-required-for]").forEach(function (el) {
      el.hidden = !required[el.dataset.requiredFor];
    });
    var computed = result.computed || {};
    Object.keys(computed).forEach(function (path) {
      var out = document.getElementById("computed-" + path);
      if (out) {
        var value = computed[path];
        out.textContent = value.text + (value.band ? " — " + value.band : "");
      }
    });
    var score = document.getElementById("report-score");
    var total = result.scores && result.scores.total;
    if (score && total && total.score !== null) {
      score.textContent = String(total.score).replace(".", ",") + (total.band ? " " + total.band : "");
    }
    showErrors(result);
    form.dataset.evaluated = String(sequence);
  }

  function evaluate() {
    var mine = ++sequence;
    if (controller) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    fetch(form.dataset.evaluateUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : ""},
      body: JSON.stringify({version: parseInt(form.dataset.version, 10), answers: answers()}),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (result) {
      if (result && mine === sequence) {
        show(result);
      }
    }).catch(function () { /* offline or aborted: the page keeps working, the server decides on save */ });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(evaluate, DELAY);
  }

  function addRow(button) {
    var table = button.dataset.addRow;
    var template = document.getElementById("row-template-" + table);
    var count = form.querySelector("input[name='rows-" + table + "']");
    var body = document.querySelector("#table-" + CSS.escape(table) + " tbody");
    if (!template || !count || !body) {
      return false;
    }
    var index = parseInt(count.value, 10) || 0;
    var max = parseInt(button.dataset.maxRows, 10) || 500;
    if (index >= max) {
      return true;
    }
    body.insertAdjacentHTML("beforeend", template.innerHTML.split("__i__").join(String(index)));
    count.value = String(index + 1);
    if (index + 1 >= max) {
      button.hidden = true;
    }
    var first = body.lastElementChild && body.lastElementChild.querySelector("input, select, textarea");
    if (first) {
      first.focus();
    }
    later();
    return true;
  }

  form.addEventListener("input", function (event) {
    touch(event);
    later();
  });
  form.addEventListener("change", function (event) {
    touch(event);
    if (event.target.hasAttribute && event.target.hasAttribute("data-money")) {
      groupMoney(event.target);
    }
    later();
  });
  form.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-add-row]") : null;
    if (button && addRow(button)) {
      event.preventDefault();
    }
  });
  form.querySelectorAll("[data-nojs-help]").forEach(function (el) { el.hidden = true; });
  evaluate();
})();

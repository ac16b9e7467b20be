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

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-add-row]") : null;
    if (button && addRow(button)) {
      event.preventDefault();
    }
  });
  form.querySelectorAll("[data-nojs-help]").forEach(function (el) { el.hidden = true; });
  evaluate();
})();

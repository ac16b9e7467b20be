/*
 * The designer's "Pratinjau & coba": sample answers in, computed values, scores, bands and errors
 * out, as the editor types. The unsaved draft (the schema Wagtail's preview built from the edit
 * form) goes to the one evaluate endpoint (POST /admin/forms_builder/evaluate/), which runs the same
 * validation and scoring as saving: no rule lives here. Sample answers survive the preview's
 * refresh (sessionStorage, this tab only) and are never saved.
 */
(function () {
  "use strict";

  var root = document.getElementById("try");
  var form = document.getElementById("try-form");
  var schemaNode = document.getElementById("try-schema");
  if (!root || !form || !schemaNode || !window.fetch) {
    return;
  }
  var schema = JSON.parse(schemaNode.textContent);
  var storageKey = "sepakat-coba-" + (root.dataset.formKey || "");
  var timer = null;
  var sequence = 0;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : root.dataset.csrf;
  }

  function answers() {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || input.name.indexOf("f-") !== 0) {
        return;
      }
      var parts = input.name.slice(2).split(".");
      var target = out;
      var key = parts[0];
      if (parts.length === 3) {
        var rows = out[parts[0]] || (out[parts[0]] = []);
        var index = parseInt(parts[1], 10);
        while (rows.length <= index) {
          rows.push({});
        }
        target = rows[index];
        key = parts[2];
      }
      if (input.type === "checkbox") {
        var list = target[key] || (target[key] = []);
        if (input.checked) {
          list.push(input.value);
        }
      } else {
        target[key] = input.value;
      }
    });
    return out;
  }

  function remember() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (input) {
      if (input.name) {
        values[input.name + (input.type === "checkbox" ? "=" + input.value : "")] =
          input.type === "checkbox" ? input.checked : input.value;
      }
    });
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(values));
    } catch (e) { /* private mode: nothing remembered */ }
  }

  function restore() {
    var values;
    try {
      values = JSON.parse(window.sessionStorage.getItem(storageKey) || "{}");
    } catch (e) {
      values = {};
    }
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name) {
        return;
      }
      var key = input.name + (input.type === "checkbox" ? "=" + input.value : "");
      if (Object.prototype.hasOwnProperty.call(values, key)) {
        if (input.type === "checkbox") {
          input.checked = !!values[key];
        } else {
          input.value = values[key];
        }
      }
    });
  }

  function cell(tag, text) {
    var node = document.createElement(tag);
    node.textContent = text === null || text === undefined || text === "" ? "–" : String(text).replace(".", ",");
    return node;
  }

  function list(node, items) {
    node.textContent = "";
    (items.length ? items : [root.dataset.none || "Tidak ada."]).forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      node.appendChild(li);
    });
  }

  function show(result) {
    var errors = document.getElementById("try-errors");
    if (result.problems && result.problems.length) {
      list(errors, result.problems);
      return;
    }
    var hidden = {};
    var required = {};
    (result.hidden || []).forEach(function (p) { hidden[p] = true; });
    (result.required || []).forEach(function (p) { required[p] = true; });
    form.querySelectorAll("[data-path]").forEach(function (el) {
      if (el.tagName === "TD") {
        el.style.visibility = hidden[el.dataset.path] ? "hidden" : "";
      } else {
        el.hidden = !!hidden[el.dataset.path];
      }
    });
    form.querySelectorAll("[data-required-for]").forEach(function (el) {
      el.hidden = !required[el.dataset.requiredFor];
    });
    form.querySelectorAll("output[id^='computed-']").forEach(function (out) {
      var value = result.computed[out.id.slice(9)];
      out.textContent = value ? value.text + (value.band ? " — " + value.band : "") : "–";
    });
    var body = document.querySelector("#try-scores tbody");
    body.textContent = "";
    var scores = result.scores || {};
    (scores.sections || []).concat(scores.groups || []).forEach(function (s) {
      var row = document.createElement("tr");
      row.appendChild(cell("td", s.label));
      row.appendChild(cell("td", s.score));
      row.appendChild(cell("td", s.band));
      body.appendChild(row);
    });
    if (scores.total) {
      var total = document.createElement("tr");
      total.appendChild(cell("th", scores.total.label));
      var score = cell("th", scores.total.score);
      score.id = "try-total";
      var band = cell("th", scores.total.band);
      band.id = "try-total-band";
      total.appendChild(score);
      total.appendChild(band);
      body.appendChild(total);
    }
    list(errors, (result.errors || []).map(function (e) { return e.text; }));
    root.dataset.evaluated = String(sequence);
  }

  function evaluate() {
    var mine = ++sequence;
    fetch(root.dataset.evaluateUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
      body: JSON.stringify({schema: schema, answers: answers()})
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (result) {
      if (result && mine === sequence) {
        show(result);
      }
    }).catch(function () { /* offline: the last result stays */ });
  }

  function later() {
    remember();
    window.clearTimeout(timer);
    timer = window.setTimeout(evaluate, 300);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  restore();
  evaluate();
})();

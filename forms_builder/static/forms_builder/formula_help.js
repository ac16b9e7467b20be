/*
 * The designer's formula help: beside the formula or condition input the editor is in, the
 * form's fields as they are on screen (label → key; a click inserts the key at the cursor) and
 * the functions of the expression language (from the server's registry, with an example each).
 * While the editor types, the draft's formulas go to the live evaluate endpoint (ADR 0021),
 * which answers each formula's own problems; they are shown under that formula's input. No rule
 * lives here: the server decides what is wrong; this file only reads the page and places text.
 */
(function () {
  "use strict";

  var dataNode = document.getElementById("formula-help-data");
  if (!dataNode) {
    return;
  }
  var help = JSON.parse(dataNode.textContent);
  var form = dataNode.closest("form") || document.querySelector("form[method=post]");
  if (!form) {
    return;
  }
  var OPTION_RE = /^(body-.*|scoring-\d+|rules-\d+)-value-(formula|show_if|required_if|score|expression)$/;
  var panel = null;
  var current = null;
  var timer = null;
  var sequence = 0;
  var inputsByName = {}; // input name -> {path, option, table}

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function val(name) {
    var node = form.elements.namedItem(name);
    if (!node) {
      return null;
    }
    if (node.length !== undefined && !node.tagName) {
      node = node[0];
    }
    return node.type === "checkbox" ? node.checked : node.value;
  }

  function keyFromLabel(label) {
    // the server's key_from_label (schema.py), for keys left empty: slugified, snake_case
    var s = (label || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    s = s.replace(/[^\w\s-]/g, "").trim().replace(/[-\s]+/g, "_").replace(/_+/g, "_").replace(/^_+|_+$/g, "");
    if (!s || !/^[a-z]/.test(s)) {
      s = ("isian_" + s).replace(/_+$/, "");
    }
    return s.slice(0, 63).replace(/_+$/, "");
  }

  function isExpressionInput(node) {
    return node && node.tagName === "INPUT" && OPTION_RE.test(node.name || "");
  }

  /* The draft as the page holds it: the stream at ``prefix`` as schema field specs. */
  function collect(prefix, table, flat) {
    var count = parseInt(val(prefix + "-count"), 10);
    var limit = isNaN(count) ? 500 : count;
    var children = [];
    for (var i = 0; i < limit; i++) {
      var p = prefix + "-" + i;
      var type = val(p + "-type");
      if (type === null) {
        if (isNaN(count)) {
          break;
        }
        continue;
      }
      if (val(p + "-deleted") === "1") {
        continue;
      }
      var label = val(p + "-value-label") || "";
      var typed = (val(p + "-value-key") || "").trim();
      var key = typed || keyFromLabel(label);
      var spec = { type: type, key: key, label: label };
      var path = table ? table + "." + key : key;
      ["formula", "show_if", "required_if", "score"].forEach(function (option) {
        var text = val(p + "-value-" + option);
        if (text !== null) {
          inputsByName[p + "-value-" + option] = { path: path, option: option, table: table };
          if (text.trim()) {
            spec[option] = text;
          }
        }
      });
      if (label.trim() && type !== "heading") {
        flat.push({ label: label, key: key, path: path, table: table, auto: !typed, type: type });
      }
      if (type === "section") {
        spec.fields = collect(p + "-value-fields", null, flat);
      } else if (type === "table") {
        spec.columns = collect(p + "-value-columns", key, flat);
      }
      children.push([parseInt(val(p + "-order"), 10) || i, spec]);
    }
    children.sort(function (a, b) {
      return a[0] - b[0];
    });
    return children.map(function (c) {
      return c[1];
    });
  }

  function draft() {
    inputsByName = {};
    var flat = [];
    var schema = { fields: collect("body", null, flat), rules: [], scoring: {} };
    var rules = parseInt(val("rules-count"), 10) || 0;
    for (var i = 0; i < rules; i++) {
      if (val("rules-" + i + "-type") === null || val("rules-" + i + "-deleted") === "1") {
        continue;
      }
      inputsByName["rules-" + i + "-value-expression"] = { path: "rules." + schema.rules.length, option: "expression" };
      schema.rules.push({ expression: val("rules-" + i + "-value-expression") || "true", message: "-" });
    }
    if (val("scoring-0-type") !== null && val("scoring-0-deleted") !== "1") {
      inputsByName["scoring-0-value-expression"] = { path: "scoring", option: "expression" };
      schema.scoring = { method: val("scoring-0-value-method") || "weighted_mean" };
      var expression = val("scoring-0-value-expression");
      if (expression && expression.trim()) {
        schema.scoring.expression = expression;
      }
    }
    return { schema: schema, flat: flat };
  }

  function insert(text) {
    if (!current) {
      return;
    }
    var start = current.selectionStart === null ? current.value.length : current.selectionStart;
    var end = current.selectionEnd === null ? start : current.selectionEnd;
    current.setRangeText(text, start, end, "end");
    current.focus();
    current.dispatchEvent(new Event("input", { bubbles: true }));
    current.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function chip(label, code, insertText, title) {
    var button = el("button", { type: "button", "data-insert": insertText });
    if (title) {
      button.title = title;
    }
    button.appendChild(document.createTextNode(label ? label + " → " : ""));
    button.appendChild(el("code", {}, code));
    return button;
  }

  function fillPanel(flat) {
    var where = inputsByName[current.name] || {};
    panel.textContent = "";
    panel.appendChild(el("h3", {}, help.texts.fields));
    var list = el("div", { class: "fh-list", "data-fh": "fields" });
    flat.forEach(function (f) {
      if (f.type === "section" || f.type === "table" || f.path === where.path) {
        return;
      }
      // inside a table's column the row's own cells are read by their bare key
      var code = f.table && f.table === where.table ? f.key : f.path;
      list.appendChild(chip(f.label, code, code, f.auto ? help.texts.auto : ""));
    });
    if (!list.childNodes.length) {
      list.appendChild(el("span", {}, help.texts.none));
    }
    panel.appendChild(list);
    panel.appendChild(el("h3", {}, help.texts.functions));
    var fns = el("div", { class: "fh-list", "data-fh": "functions" });
    help.functions.forEach(function (fn) {
      var button = chip("", fn.name + "()", fn.name + "(", fn.example);
      button.classList.add("fh-fn");
      button.appendChild(document.createTextNode(" " + fn.text + " " + help.texts.example + " "));
      button.appendChild(el("code", {}, fn.example));
      fns.appendChild(button);
    });
    panel.appendChild(fns);
  }

  function show(input) {
    current = input;
    if (!panel) {
      panel = el("div", { class: "fh-panel", role: "region", "aria-label": help.texts.title, id: "formula-help" });
      panel.addEventListener("mousedown", function (event) {
        if (event.target.closest("button")) {
          event.preventDefault(); // keep the cursor in the formula input
        }
      });
      panel.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-insert]");
        if (button) {
          insert(button.getAttribute("data-insert"));
        }
      });
    }
    fillPanel(draft().flat);
    var anchor = problemNode(input, false) || input;
    anchor.parentNode.insertBefore(panel, anchor.nextSibling);
    panel.hidden = false;
  }

  function problemNode(input, create) {
    var id = "fh-problem-" + input.id;
    var node = document.getElementById(id);
    if (!node && create) {
      node = el("p", { class: "fh-problem", id: id, role: "alert", "data-fh-problem": input.name });
      input.parentNode.insertBefore(node, input.nextSibling);
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      described.push(id);
      input.setAttribute("aria-describedby", described.join(" "));
    }
    return node;
  }

  function showProblems(found) {
    Object.keys(inputsByName).forEach(function (name) {
      var input = form.elements.namedItem(name);
      if (!input || !input.id) {
        return;
      }
      var where = inputsByName[name];
      var texts = found
        .filter(function (p) {
          return p.path === where.path && p.option === where.option;
        })
        .map(function (p) {
          return p.text;
        });
      var node = problemNode(input, texts.length > 0);
      if (node) {
        node.textContent = texts.join(" ");
        node.hidden = !texts.length;
      }
      input.setAttribute("aria-invalid", texts.length ? "true" : "false");
    });
  }

  function check() {
    var mine = ++sequence;
    var payload = { schema: draft().schema, answers: {} };
    var token = form.elements.namedItem("csrfmiddlewaretoken");
    window
      .fetch(help.evaluate_url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
        body: JSON.stringify(payload),
      })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (body) {
        if (body && mine === sequence) {
          showProblems(body.expressions || []);
        }
      })
      .catch(function () {
        /* offline: the server checks again on save */
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 400);
  }

  form.addEventListener("focusin", function (event) {
    if (isExpressionInput(event.target)) {
      show(event.target);
      later();
    } else if (panel && !panel.contains(event.target)) {
      panel.hidden = true;
    }
  });
  form.addEventListener("input", function (event) {
    if (isExpressionInput(event.target)) {
      later();
    }
  });
})();

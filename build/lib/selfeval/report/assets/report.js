/* selfeval review report: index table (filter, sort, pages), review marks. No network
   except, when served by `selfeval serve`, the same origin's /api/marks. */
(function () {
  "use strict";
  var PAGE = 100;
  var served = location.protocol === "http:" || location.protocol === "https:";
  if (served) document.body.classList.add("served");

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function marks() { return window.SELFEVAL_MARKS || []; }

  /* ---- index ---- */
  function initIndex(data) {
    var rows = data.rows, meta = data.meta;
    var state = { sort: "name", dir: 1, page: 0 };
    var f = {
      status: document.getElementById("f-status"),
      department: document.getElementById("f-department"),
      year: document.getElementById("f-year"),
      code: document.getElementById("f-code"),
      search: document.getElementById("f-search")
    };
    function reviewCount(row) {
      return marks().filter(function (m) { return m.input === row.input && !m.stale; }).length;
    }
    function fill(select, values) {
      values.forEach(function (v) { select.appendChild(el("option", { value: v }, v)); });
    }
    function distinct(key) {
      var seen = {};
      rows.forEach(function (r) {
        String(r[key] || "").split(" / ").forEach(function (v) { if (v) seen[v] = 1; });
      });
      return Object.keys(seen).sort();
    }
    fill(f.status, meta.statuses);
    fill(f.department, distinct("department"));
    fill(f.year, distinct("year"));
    var codes = {};
    rows.forEach(function (r) { r.codes.forEach(function (c) { codes[c] = 1; }); });
    fill(f.code, Object.keys(codes).sort());
    var params = new URLSearchParams(location.hash.slice(1));
    ["status", "department", "year", "code", "search"].forEach(function (k) {
      if (params.get(k)) f[k].value = params.get(k);
    });

    function matches(r) {
      var q = f.search.value.trim().toLowerCase();
      if (f.status.value && r.status !== f.status.value) return false;
      if (f.department.value && r.department.split(" / ").indexOf(f.department.value) < 0) return false;
      if (f.year.value && r.year.split(" / ").indexOf(f.year.value) < 0) return false;
      if (f.code.value && r.codes.indexOf(f.code.value) < 0) return false;
      if (q && (r.name + " " + r.input + " " + r.project + " " + r.department).toLowerCase().indexOf(q) < 0) return false;
      return true;
    }
    function key(r) {
      if (state.sort === "review") return reviewCount(r);
      if (state.sort === "status") return meta.statuses.indexOf(r.status);
      if (state.sort === "read_errors") return r.read_errors.length;
      return r[state.sort];
    }
    function byCodes(obj) {
      return Object.keys(obj).map(function (c) { return c + " ×" + obj[c]; }).join(", ");
    }
    function render() {
      var shown = rows.filter(matches);
      shown.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === y) return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
        return (x < y ? -1 : 1) * state.dir;
      });
      var pages = Math.max(1, Math.ceil(shown.length / PAGE));
      if (state.page >= pages) state.page = pages - 1;
      var tbody = document.querySelector("#files tbody");
      tbody.textContent = "";
      shown.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (r) {
        var tr = el("tr", { "class": "file-row", "data-name": r.name, "data-status": r.status });
        var name = el("td");
        if (r.links.length === 1) name.appendChild(el("a", { href: r.links[0] }, r.name));
        else {
          name.appendChild(document.createTextNode(r.name + " "));
          r.links.forEach(function (href, i) {
            name.appendChild(el("a", { href: href, title: r.statuses[i] }, "form " + (i + 1)));
            name.appendChild(document.createTextNode(" "));
          });
        }
        name.appendChild(el("div", { "class": "codes" }, r.input));
        tr.appendChild(name);
        var st = el("td");
        st.appendChild(el("span", { "class": "badge st-" + r.status.replace(" ", "-") }, r.status));
        tr.appendChild(st);
        tr.appendChild(el("td", {}, r.department));
        tr.appendChild(el("td", {}, r.year));
        tr.appendChild(el("td", {}, r.project));
        tr.appendChild(el("td", { "class": "num" }, r.forms));
        tr.appendChild(el("td", { "class": "num" }, r.rows));
        var errs = el("td", { "class": "num" }, r.errors || "");
        errs.appendChild(el("div", { "class": "codes" }, byCodes(r.errors_by_code)));
        tr.appendChild(errs);
        var warns = el("td", { "class": "num" }, r.warnings || "");
        warns.appendChild(el("div", { "class": "codes" }, byCodes(r.warnings_by_code)));
        tr.appendChild(warns);
        tr.appendChild(el("td", { "class": "num" }, r.doubts || ""));
        var re = el("td", { title: r.read_error_message }, r.read_errors.join(", "));
        tr.appendChild(re);
        var n = reviewCount(r);
        tr.appendChild(el("td", { "class": "num" }, n ? n + " marked" : ""));
        tbody.appendChild(tr);
      });
      document.getElementById("shown").textContent =
        shown.length + " of " + rows.length + " inputs";
      var pager = document.getElementById("pager");
      pager.textContent = "";
      if (pages > 1) {
        for (var p = 0; p < pages; p++) {
          var b = el("button", { type: "button", "data-page": p }, String(p + 1));
          if (p === state.page) b.disabled = true;
          pager.appendChild(b);
        }
      }
      document.querySelectorAll("#files th").forEach(function (th) {
        th.classList.remove("asc", "desc");
        if (th.dataset.sort === state.sort) th.classList.add(state.dir > 0 ? "asc" : "desc");
      });
      var h = new URLSearchParams();
      ["status", "department", "year", "code", "search"].forEach(function (k) {
        if (f[k].value) h.set(k, f[k].value);
      });
      history.replaceState(null, "", h.toString() ? "#" + h.toString() : location.pathname);
    }
    Object.keys(f).forEach(function (k) {
      f[k].addEventListener(k === "search" ? "input" : "change", function () {
        state.page = 0; render();
      });
    });
    document.getElementById("pager").addEventListener("click", function (e) {
      if (e.target.dataset.page !== undefined) { state.page = +e.target.dataset.page; render(); }
    });
    document.querySelectorAll("#files th").forEach(function (th) {
      th.addEventListener("click", function () {
        if (state.sort === th.dataset.sort) state.dir = -state.dir;
        else { state.sort = th.dataset.sort; state.dir = 1; }
        render();
      });
    });
    render();
  }

  /* ---- one form ---- */
  function initForm(info) {
    function show() {
      var mine = marks().filter(function (m) { return m.input === info.input && m.form === info.form; });
      document.querySelectorAll(".mark").forEach(function (box) {
        var out = box.querySelector(".marks");
        out.textContent = "";
        mine.filter(function (m) { return m.target === box.dataset.target; }).forEach(function (m) {
          var span = el("span", { "class": "m v-" + m.verdict + (m.stale ? " stale" : ""),
            title: m.marked_at }, m.verdict + (m.note ? ": " + m.note : ""));
          out.appendChild(span);
        });
      });
    }
    function refresh() {
      return fetch("/api/marks", { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) { window.SELFEVAL_MARKS = data.marks; show(); });
    }
    show();
    if (!served) return;
    refresh();
    document.querySelectorAll(".mark").forEach(function (box) {
      box.addEventListener("click", function (e) {
        var verdict = e.target.dataset && e.target.dataset.verdict;
        if (!verdict) return;
        var body = { input: info.input, sha256: info.sha256, form: info.form,
          target: box.dataset.target, verdict: verdict, note: box.querySelector(".note").value };
        fetch("/api/marks", { method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body) })
          .then(function (r) {
            if (!r.ok) return r.text().then(function (t) { throw new Error(t); });
            box.querySelector(".note").value = "";
            return refresh();
          })
          .catch(function (err) { alert("The mark was not saved: " + err.message); });
      });
    });
  }

  var idx = document.getElementById("index-data");
  if (idx) initIndex(JSON.parse(idx.textContent));
  var form = document.getElementById("form-data");
  if (form) initForm(JSON.parse(form.textContent));
})();

/*
 * What WatchSim's pages share (a run's report, a sweep's or a compare's comparison): the embedded data, the
 * element helpers, tables, badges and uPlot charts, each chart counted for the headless-browser test
 * (window.watchsimCharts) and each failure recorded (window.watchsimErrors). A page script starts with
 * WatchSimPage(chartDefaults).
 */
function WatchSimPage(chartDefaults) {
  "use strict";
  const data = JSON.parse(document.getElementById("watchsim-data").textContent);
  const charts = [];
  const errors = [];
  window.watchsimCharts = charts;
  window.watchsimErrors = errors;
  const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf"];
  const sections = document.getElementById("sections");
  const toc = document.getElementById("toc");

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(v, digits) {
    if (v === null || v === undefined) return "not measured";
    if (typeof v !== "number") return String(v);
    if (Number.isInteger(v)) return v.toLocaleString("en");
    return v.toPrecision(digits || 4);
  }
  function section(id, title, why) {
    const s = el("section", {id: id});
    s.appendChild(el("h2", {}, title));
    if (why) s.appendChild(el("p", {"class": "why"}, why));
    sections.appendChild(s);
    toc.appendChild(el("a", {href: "#" + id}, title));
    return s;
  }
  /** A table of {@code rows} under {@code head}; {@code numeric}: the numeric columns' indexes, or a test of one. */
  function table(parent, head, rows, numeric) {
    const isNumeric = typeof numeric === "function" ? numeric : i => (numeric || []).includes(i);
    const t = el("table");
    const tr = el("tr");
    head.forEach(h => tr.appendChild(el("th", {}, h)));
    t.appendChild(tr);
    rows.forEach(r => {
      const row = el("tr");
      r.forEach((c, i) => {
        if (c instanceof Node) { const td = el("td"); td.appendChild(c); row.appendChild(td); }
        else row.appendChild(el("td", isNumeric(i) ? {"class": "num"} : {}, c));
      });
      t.appendChild(row);
    });
    parent.appendChild(t);
    return t;
  }
  function badge(ok, text) {
    return el("span", {"class": "badge " + (ok === null ? "unchecked" : ok ? "pass" : "fail")}, text);
  }
  function width() {
    return Math.max(480, Math.min(1100, document.getElementById("main").clientWidth - 50));
  }
  /** A uPlot chart in a new div of {@code parent}; counted for the test, its failure shown and logged. */
  function chart(parent, id, title, opts, cols) {
    const div = el("div", {"class": "chart", id: id});
    parent.appendChild(div);
    try {
      const u = new uPlot(Object.assign({title: title, width: width()}, chartDefaults, opts), cols, div);
      const values = cols.slice(1).reduce((n, c) => n + c.filter(x => x !== null && x !== undefined).length, 0);
      charts.push({id: id, title: title, points: cols[0].length, series: cols.length - 1, values: values});
      return u;
    } catch (e) {
      errors.push(id + ": " + e);
      console.error("chart " + id + " failed", e);
      div.textContent = "this chart could not be drawn: " + e;
      return null;
    }
  }
  return {data, charts, errors, COLORS, el, fmt, section, table, badge, width, chart};
}

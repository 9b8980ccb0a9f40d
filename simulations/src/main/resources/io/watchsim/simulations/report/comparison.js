/* WatchSim's comparison page (a sweep's points, or runs side by side): draws the embedded data with uPlot. */
(function () {
  "use strict";
  const {data, COLORS, el, fmt, section, table, badge, chart} = WatchSimPage({height: 260});
  function unit(metric) {
    return metric.startsWith("latency.") || metric.startsWith("call-latency.") ? " (ns)"
      : metric.startsWith("throughput.") ? " (per second)" : metric.endsWith(".rate") ? " (0..1)" : "";
  }
  function link(href, text) { return el("a", {href: href}, text); }
  const head = document.getElementById("head");
  const mach = el("p", {"class": "facts"});
  Object.entries(data.machine).forEach(([k, v]) => mach.appendChild(el("span", {}, k + ": " + v)));

  if (data.kind === "sweep") {
    const pts = data.points;
    const all = pts.reduce((n, p) => n + p.passed, 0), total = pts.reduce((n, p) => n + p.total, 0);
    const h1 = el("h1", {}, "WatchSim experiment: " + data.scenario + " ");
    h1.appendChild(badge(all === total, all + " of " + total + " runs passed"));
    head.appendChild(h1);
    const facts = el("p", {"class": "facts"});
    [["scenario file", data.file], ["points", pts.length], ["replications", data.replications], ["scale", data.scale]]
      .forEach(([k, v]) => facts.appendChild(el("span", {}, k + ": " + v)));
    head.appendChild(facts);
    head.appendChild(mach);
    const ax = section("grid", "Grid", "Each point is one value of every swept key; each is run once per replication, "
      + "replication 1 with the scenario's seed, replication r with seed(seed, \"replication-r\") (the same seeds at "
      + "every point).");
    table(ax, ["swept key", "values"], data.axes.map(a => [a.key, a.values.join(", ")]));
    // One swept key: the points are its values; several: the points' numbers, as listed under Grid.
    const labels = pts.map(p => data.axes.length === 1 ? String(p.values[data.axes[0].key]) : "#" + p.number);
    const v = section("verdicts", "Verdicts per point", "How many of each point's runs passed, and each invariant's "
      + "and assertion's verdicts over them.");
    const names = [];
    pts.forEach(p => p.verdicts.forEach(x => { if (!names.includes(x.name)) names.push(x.name); }));
    table(v, ["point", "values", "runs passed"].concat(names), pts.map(p => [String(p.number), p.label,
      badge(p.passed === p.total, p.passed + " of " + p.total)].concat(names.map(n => {
      const x = p.verdicts.find(y => y.name === n);
      return x ? Object.entries(x.counts).map(([s, c]) => c + " " + s).join(", ") : "-";
    }))));
    const c = section("charts", "Metrics by point", "Each metric's mean over the replications (line), with the "
      + "least and most (dashed, band between). x: " + (data.axes.length === 1 ? data.axes[0].key
      : "the points, as listed under Grid") + ".");
    data.charted.forEach((metric, i) => {
      const get = k => pts.map(p => p.spreads[metric] ? p.spreads[metric][k] : null);
      chart(c, "chart-" + metric.replace(/[^a-z0-9]/gi, "-"), metric + unit(metric), {
        scales: {x: {time: false, range: [-0.5, pts.length - 0.5]}},
        axes: [{label: data.axes.length === 1 ? data.axes[0].key : "point", values: (u, s) => s.map(x => Number.isInteger(x) && x >= 0 && x < pts.length
            ? labels[x] : ""), incrs: [1]}, {size: 80}],
        bands: [{series: [3, 2], fill: "rgba(31,119,180,0.12)"}],
        series: [{label: "point", value: (u, x) => x === null ? "-" : pts[x] ? pts[x].label : x},
          {label: "mean", stroke: COLORS[i % COLORS.length], width: 2, points: {show: true, size: 7}},
          {label: "min", stroke: "#999", dash: [4, 4], width: 1},
          {label: "max", stroke: "#999", dash: [4, 4], width: 1}]
      }, [pts.map((p, j) => j), get("mean"), get("min"), get("max")]);
    });
    const mt = section("metrics", "Every metric", "Mean ± standard deviation [least .. most] over the replications "
      + "that measured it.");
    const metrics = [...new Set(pts.flatMap(p => Object.keys(p.spreads)))].sort();
    table(mt, ["metric"].concat(pts.map(p => "#" + p.number)), metrics.map(m => [m].concat(pts.map(p => {
      const s = p.spreads[m];
      if (!s || s.measured === 0) return "not measured";
      return fmt(s.mean) + (p.total > 1 ? " ± " + fmt(s.sd, 3) + " [" + fmt(s.min) + " .. " + fmt(s.max) + "]" : "");
    }))), i => i >= 1);
    const rs = section("runs", "Runs", "Each run's own report.");
    table(rs, ["point", "replication", "seed", "verdict", "report"], pts.flatMap(p => p.runs.map(r =>
      [String(p.number), String(r.replication), String(r.seed), badge(r.passed, r.passed ? "passed" : "FAILED"),
        link(r.report, r.dir)])));
    document.title = "WatchSim experiment: " + data.scenario;
  } else {
    const runs = data.runs;
    head.appendChild(el("h1", {}, "WatchSim comparison of " + runs.length + " runs"));
    head.appendChild(mach);
    const rs = section("runs", "Runs", "Each run's folder and its own report.");
    table(rs, ["run", "scenario", "seed", "verdict", "report"], runs.map((r, i) => ["run " + (i + 1), r.scenario,
      String(r.seed), badge(r.passed, r.passed ? "passed" : "FAILED"), link(r.report, r.dir)]));
    const v = section("verdicts", "Verdicts");
    const names = [];
    runs.forEach(r => r.invariants.concat(r.assertions).forEach(x => {
      if (!names.includes(x.name)) names.push(x.name);
    }));
    table(v, ["invariant or assertion"].concat(runs.map((r, i) => "run " + (i + 1))), names.map(n => [n].concat(
      runs.map(r => {
        const x = r.invariants.concat(r.assertions).find(y => y.name === n);
        return x ? badge(x.status === "held" ? true : x.status === "unchecked" ? null : false, x.status) : "-";
      }))));
    const c = section("charts", "Metrics side by side");
    data.charted.forEach((metric, i) => {
      chart(c, "chart-" + metric.replace(/[^a-z0-9]/gi, "-"), metric + unit(metric), {
        scales: {x: {time: false, range: [-0.5, runs.length - 0.5]}, y: {range: [0, null]}},
        axes: [{label: "run", values: (u, s) => s.map(x => Number.isInteger(x) && x >= 0 && x < runs.length
            ? "run " + (x + 1) : ""), incrs: [1]}, {size: 80}],
        series: [{label: "run", value: (u, x) => x === null ? "-" : "run " + (x + 1)},
          {label: metric, stroke: COLORS[i % COLORS.length], fill: COLORS[i % COLORS.length] + "55",
            paths: uPlot.paths.bars({size: [0.5, 90]}), points: {show: false}}]
      }, [runs.map((r, j) => j), runs.map(r => r.metrics[metric] === undefined ? null : r.metrics[metric])]);
    });
    const mt = section("metrics", "Every metric");
    const metrics = [...new Set(runs.flatMap(r => Object.keys(r.metrics)))].sort();
    table(mt, ["metric"].concat(runs.map((r, i) => "run " + (i + 1))), metrics.map(m => [m].concat(runs.map(r =>
      fmt(r.metrics[m] === undefined ? null : r.metrics[m], 6)))), i => i >= 1);
    const d = section("differences", "Scenario differences", "Every key of the resolved scenarios whose value is "
      + "not the same in all the runs (shared definitions left out).");
    if (data.differences.length) table(d, ["key"].concat(runs.map((r, i) => "run " + (i + 1))),
      data.differences.map(x => [x.key].concat(x.values.map(y => y === null ? "(none)" : y))));
    else d.appendChild(el("p", {"class": "none"}, "None: the runs ran the same scenario."));
    document.title = "WatchSim comparison of " + runs.length + " runs";
  }
})();

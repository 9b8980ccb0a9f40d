/* WatchSim's run report: draws report.html's embedded data with uPlot (inlined beside this script). */
(function () {
  "use strict";
  const {data, COLORS, el, fmt, section, table, badge, chart} =
    WatchSimPage({height: 300, legend: {live: true}});
  /** Draws each mark (a fault; a policy change) as a dashed vertical line with its name. */
  function marksPlugin(marks) {
    return {
      hooks: {
        draw: [u => {
          const c = u.ctx, px = window.devicePixelRatio || 1;
          c.save();
          marks.forEach((m, i) => {
            const x = Math.round(u.valToPos(m.t, "x", true));
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
            c.strokeStyle = m.policy ? "#8e44ad" : "#c0392b";
            c.fillStyle = c.strokeStyle;
            c.lineWidth = px;
            c.setLineDash([5 * px, 4 * px]);
            c.beginPath();
            c.moveTo(x, u.bbox.top);
            c.lineTo(x, u.bbox.top + u.bbox.height);
            c.stroke();
            c.setLineDash([]);
            c.font = (11 * px) + "px sans-serif";
            c.fillText(m.name, x + 3 * px, u.bbox.top + (12 + (i % 5) * 12) * px);
          });
          c.restore();
        }]
      }
    };
  }
  function series(label, i, extra) {
    return Object.assign({label: label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false}, extra || {});
  }
  function positive(a) { return a.map(v => (v === null || v <= 0) ? null : v); }
  const timeAxis = {label: "run time (s)"};

  // ---- header ----
  const m = data.meta;
  const head = document.getElementById("head");
  const h1 = el("h1", {}, "WatchSim run: " + m.scenario + " ");
  h1.appendChild(badge(m.passed, m.passed ? "passed" : "FAILED"));
  head.appendChild(h1);
  const facts = el("p", {"class": "facts"});
  [["seed", m.seed], ["started", m.started], ["duration", m.duration], ["scale", m.scale],
    ["objects", fmt(m.objects)], ["queues", fmt(m.queues)], ["watches", fmt(m.watches)],
    ["built in", fmt(m.buildSeconds, 3) + " s"], ["workload", fmt(m.workloadSeconds, 3) + " s"],
    ["sampled every", m.sampleInterval + (m.samplesPerBucket > 1 ? " (" + m.samplesPerBucket + " samples a point)" : "")]]
    .forEach(([k, v]) => facts.appendChild(el("span", {}, k + ": " + v)));
  head.appendChild(facts);
  const mach = el("p", {"class": "facts"});
  Object.entries(data.machine).forEach(([k, v]) => mach.appendChild(el("span", {}, k + ": " + v)));
  head.appendChild(mach);

  // ---- verdicts ----
  const r = data.result;
  const v = section("verdicts", "Verdict", "Every invariant is checked on every run; the assertions are the "
    + "scenario's own. A metric not measured makes its assertion fail.");
  table(v, ["invariant", "verdict", "what was found"], r.invariants.map(i =>
    [i.name, badge(i.status === "HELD" ? true : i.status === "VIOLATED" ? false : null, i.status.toLowerCase()),
      i.detail + (i.examples.length ? " e.g. " + i.examples.join("; ") : "")]));
  if (r.assertions.length) table(v, ["assertion", "verdict", "value", "limit"], r.assertions.map(a => {
    const limits = [...a.assertion.matchAll(/(<=|>=|==|!=|<|>)\s*([-0-9.eE]+[a-z%]*)/g)].map(x => x[1] + " " + x[2]);
    return [a.assertion, badge(a.held, a.held ? "held" : "FAILED"),
      Object.entries(a.values).map(([k, x]) => k + " = " + fmt(x, 6)).join(", ") || "-",
      limits.join(", ") || (Object.keys(a.values).length ? "true" : "-")];
  }));
  if (r.notes.length) table(v, ["note"], r.notes.map(n => [n]));

  const marks = data.marks || [];
  const policyMarks = marks.filter(x => x.policy);
  const t = data.timeline;

  // ---- records over time ----
  if (t) {
    const s = section("records", "Records per second",
      "Deliveries are records read by the queues' readers; posts are records that reached the post hook (past "
      + "each queue's filter); loss records are those readers read; lost records are counted on the "
      + (m.trackedQueues < m.queues ? m.trackedQueues + " sampled queues" : "queues") + ". Dashed lines: faults "
      + "(purple: policy changes).");
    chart(s, "chart-records", "Records per second", {
      scales: {x: {time: false}},
      axes: [timeAxis, {label: "per second", size: 70}],
      series: [{label: "t (s)"}, series("deliveries/s", 0), series("posts/s", 1), series("loss records/s", 3),
        series("lost/s", 4), series("operations/s", 7)],
      plugins: [marksPlugin(marks)]
    }, [t.t, t.deliveries, t.posts, t.lossRecords, t.lostSampled, t.operations]);

    const l = section("latency", "Post-to-read latency",
      "From the object's fan-out to the reader's read, per record, from HdrHistogram: each point is one sample "
      + "interval's percentile (a point standing for several samples shows the highest). Log scale.");
    chart(l, "chart-latency", "Latency per interval (ms)", {
      scales: {x: {time: false}, y: {distr: 3}},
      axes: [timeAxis, {label: "ms", size: 70}],
      series: [{label: "t (s)"}, series("p50", 0), series("p90", 1), series("p99", 3), series("p99.9", 4)],
      plugins: [marksPlugin(marks)]
    }, [t.t, positive(t.p50), positive(t.p90), positive(t.p99), positive(t.p999)]);
  }
  if (data.latency && data.latency.count > 0) {
    const l = document.getElementById("latency") || section("latency", "Post-to-read latency");
    const labels = {0: "0%", 1: "90%", 2: "99%", 3: "99.9%", 4: "99.99%", 5: "99.999%", 6: "max"};
    chart(l, "chart-distribution", "Whole-run latency distribution (" + fmt(data.latency.count) + " records)", {
      scales: {x: {time: false, range: [0, 6]}, y: {distr: 3}},
      axes: [{label: "percentile", values: (u, splits) => splits.map(x => labels[x] || ""), incrs: [1]},
        {label: "ms", size: 70}],
      series: [{label: "percentile", value: (u, x, si, i) => i === null || i === undefined ? "-"
          : data.latency.percentile[i] + "%"},
        series("latency (ms)", 3, {points: {show: true, size: 4}})]
    }, [data.latency.nines, positive(data.latency.ms)]);
  }

  // ---- queues ----
  if (t && data.busiest && data.busiest.length) {
    const q = section("queues", "Queue depth and loss",
      "Records waiting in each queue at each sample, for the busiest of the " + m.trackedQueues
      + " queues sampled (deepest first); then the loss rate (lost / posted) of every queue, by queue size.");
    chart(q, "chart-depth", "Queue depth, busiest queues (records)", {
      scales: {x: {time: false}},
      axes: [timeAxis, {label: "records queued", size: 70}],
      series: [{label: "t (s)"}].concat(data.busiest.map((b, i) =>
        series(b.group + " #" + b.queue + " (max " + b.maxDepth + ")", i))),
      plugins: [marksPlugin(marks)]
    }, [t.t].concat(data.busiest.map(b => t[b.column])));
  }
  if (data.lossBySize && data.lossBySize.length) {
    const q = document.getElementById("queues") || section("queues", "Queue depth and loss");
    const sizes = data.lossBySize;
    chart(q, "chart-loss-by-size", "Loss rate by queue size", {
      scales: {x: {time: false, distr: sizes.length > 1 ? 3 : 1, log: 2,
          range: sizes.length > 1 ? undefined : [sizes[0].size / 2, sizes[0].size * 2]}, y: {range: [0, null]}},
      axes: [{label: "queue size (notes)", values: (u, splits) => splits.map(x => fmt(x))},
        {label: "lost / posted", size: 70}],
      series: [{label: "size"}, series("loss rate", 3, {points: {show: true, size: 8}})]
    }, [sizes.map(x => x.size), sizes.map(x => x.rate)]);
    table(q, ["queue size", "queues", "posted", "lost", "loss rate"],
      sizes.map(x => [x.size, fmt(x.queues), fmt(x.posted), fmt(x.lost), fmt(x.rate, 4)]), [0, 1, 2, 3, 4]);
  }

  // ---- policy ----
  if (t && data.denials) {
    const p = section("policy", "Policy: denials",
      "Denials per second by LSM hook over time (purple dashed lines: policy swaps and reloads), then the whole "
      + "run's denials by hook and by pair of labels (subject: the watch setter for a watch hook, the event source "
      + "for post_notification; object: the object's label, or the watch setter's for post_notification).");
    const hooks = data.denials.byHook.map(h => h.hook);
    chart(p, "chart-denials", "Denials per second by hook", {
      scales: {x: {time: false}},
      axes: [timeAxis, {label: "denials/s", size: 70}],
      series: [{label: "t (s)"}].concat(hooks.map((h, i) => series(h, i))),
      plugins: [marksPlugin(policyMarks)]
    }, [t.t].concat(hooks.map(h => t["denied." + h])));
    table(p, ["hook", "checks", "denials"], data.denials.byHook.map(h => [h.hook, fmt(h.checks), fmt(h.denials)]),
      [1, 2]);
    const pairs = data.denials.byLabels;
    if (pairs.length) {
      const names = pairs.map(x => x.hook + ": " + x.subject + " -> " + x.object);
      chart(p, "chart-denials-by-labels", "Denials by pair of labels", {
        height: 120 + 26 * pairs.length,
        scales: {x: {time: false, range: [-0.5, pairs.length - 0.5]}, y: {range: [0, null]}},
        axes: [{label: "pair (see the table)", values: (u, splits) => splits.map(x => Number.isInteger(x)
            && x >= 0 && x < pairs.length ? "#" + (x + 1) : ""), incrs: [1]}, {label: "denials", size: 80}],
        series: [{label: "pair", value: (u, x) => x === null ? "-" : names[x]},
          series("denials", 3, {fill: "#d6272855", paths: uPlot.paths.bars({size: [0.6, 80]}), points: {show: false}})]
      }, [pairs.map((x, i) => i), pairs.map(x => x.denials)]);
      table(p, ["#", "hook", "subject", "object", "denials"], pairs.map((x, i) =>
        ["#" + (i + 1), x.hook, x.subject, x.object, fmt(x.denials)]), [4]);
    } else {
      p.appendChild(el("p", {"class": "none"}, "No denials: the policy in force allowed every check."));
    }
  }

  // ---- faults, metrics, scenario ----
  const f = section("faults", "Faults", "Every fault the plan fired, at its run time, and what it touched.");
  if (marks.length) table(f, ["at (s)", "fault", "kind", "what it did"],
    marks.map(x => [fmt(x.t, 4), x.name, x.kind, x.detail]), [0]);
  else f.appendChild(el("p", {"class": "none"}, "No fault fired."));
  const mt = section("metrics", "Metrics", "Every metric an assertion can name (result.json has the same).");
  table(mt, ["metric", "value"], Object.keys(r.metrics).sort().map(k => [k, fmt(r.metrics[k], 6)]), [1]);
  const sc = section("scenario", "Scenario as run", "The scenario file with its includes and the command line's "
    + "overrides, resolved" + (m.scale < 1 ? "; then every count and rate scaled by " + m.scale : "") + ".");
  sc.appendChild(el("pre", {}, data.scenarioText));
  const sm = section("summary", "Summary", "What `watchsim run` printed.");
  sm.appendChild(el("pre", {}, data.summary));
  document.title = "WatchSim: " + m.scenario + (m.passed ? " (passed)" : " (FAILED)");
})();

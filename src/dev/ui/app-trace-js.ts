/**
 * The viewer script's trace page: header with trace fields and scores, the observation tree as a waterfall timeline, and the selected observation's detail.
 *
 * Browser code kept as a string so the package needs no asset copying; it is plain ES2017 without
 * template literals (the string is a `String.raw` template). A test parses the assembled script.
 *
 * @module
 */

/** The viewer script's trace page. */
export const APP_TRACE_JS = String.raw`// ---- the trace page: tree + waterfall + observation detail -----------------------------------------
var MAX_TREE_DEPTH = 64;

function treeRows(observations) {
  var nodes = {};
  observations.forEach(function (o) { nodes[o.id] = { obs: o, children: [] }; });
  var roots = [];
  observations.forEach(function (o) {
    var parent = o.parentObservationId && nodes[o.parentObservationId];
    if (parent && parent !== nodes[o.id]) parent.children.push(nodes[o.id]);
    else roots.push(nodes[o.id]);
  });
  var rows = [];
  var seen = {};
  function walk(node, depth) {
    if (seen[node.obs.id]) return;
    seen[node.obs.id] = true;
    rows.push({ obs: node.obs, depth: Math.min(depth, MAX_TREE_DEPTH) });
    node.children.forEach(function (c) { walk(c, depth + 1); });
  }
  roots.forEach(function (r) { walk(r, 0); });
  observations.forEach(function (o) { if (!seen[o.id]) walk(nodes[o.id], 0); });
  return rows;
}

function timeline(observations) {
  var start = Infinity;
  var end = -Infinity;
  observations.forEach(function (o) {
    start = Math.min(start, o.startTime);
    end = Math.max(end, o.endTime === null ? o.startTime : o.endTime);
  });
  if (!isFinite(start)) { start = 0; end = 1; }
  return { start: start, span: Math.max(end - start, 0.001) };
}

function pct(x) { return Math.max(0, Math.min(100, x)).toFixed(3) + "%"; }

function waterfall(detail, selectedId, onSelect) {
  var rows = treeRows(detail.observations);
  var tl = timeline(detail.observations);
  var axis = h("div", { class: "wf-axis" }, [0, 0.25, 0.5, 0.75, 1].map(function (f) {
    return h("span", { class: "wf-tick", style: { left: pct(f * 100) }, text: fmtDuration(f * tl.span) });
  }));
  var body = h("div", { class: "wf-body" }, rows.map(function (row) {
    var o = row.obs;
    var dur = o.endTime === null ? 0 : o.endTime - o.startTime;
    var left = ((o.startTime - tl.start) / tl.span) * 100;
    var width = (dur / tl.span) * 100;
    var bar = h("div", { class: "wf-bar t-" + o.type, style: { left: pct(left), width: pct(width) } });
    if (o.timeToFirstTokenMs !== null && dur > 0) bar.appendChild(h("div", { class: "wf-ttft", title: "time to first token", style: { width: pct((o.timeToFirstTokenMs / dur) * 100) } }));
    var guides = [];
    for (var i = 0; i < row.depth; i++) guides.push(h("span", { class: "wf-guide" }));
    return h("div", { class: "wf-row lvl-" + o.level + (o.id === selectedId ? " selected" : ""), "data-obs-id": o.id, title: o.name, onclick: function () { onSelect(o.id); } },
      h("div", { class: "wf-label" }, guides, typeBadge(o.type), h("span", { class: "wf-name", text: o.name || "(unnamed)" }), levelBadge(o.level)),
      h("div", { class: "wf-track" }, bar, h("span", { class: "wf-dur", style: { left: pct(left + width) }, text: fmtDuration(dur) })));
  }));
  return h("div", { class: "card waterfall", id: "waterfall" },
    h("div", { class: "wf-head" }, h("div", { class: "wf-label", text: "Observations (" + rows.length + ")" }), axis), body);
}

function numbersChips(obj, fmt) {
  if (!obj || typeof obj !== "object") return null;
  var keys = Object.keys(obj);
  if (keys.length === 0) return null;
  return h("div", { class: "chips" }, keys.map(function (k) {
    var v = obj[k];
    return h("span", { class: "chip" }, h("span", { text: k }), typeof v === "number" ? fmt(v) : typeof v === "string" ? v : JSON.stringify(v));
  }));
}

// Usage is stored in Langfuse's convention (input/output exclude their input_*/output_* parts); people
// expect the provider's figures, so prompt and completion are shown with their parts added back.
function usageParts(usage, prefix) {
  return Object.keys(usage).filter(function (k) { return k.indexOf(prefix) === 0 && typeof usage[k] === "number" && usage[k] > 0; })
    .map(function (k) { return [k.slice(prefix.length).replace(/_tokens$/, "").replace(/_/g, " "), usage[k]]; });
}

function usageChips(usage) {
  if (!usage || typeof usage !== "object") return null;
  var chips = [];
  var add = function (label, base, parts) {
    if (typeof base !== "number" && parts.length === 0) return;
    var whole = (typeof base === "number" ? base : 0) + parts.reduce(function (sum, p) { return sum + p[1]; }, 0);
    var detail = parts.length ? " (" + parts.map(function (p) { return fmtInt(p[1]) + " " + p[0]; }).join(", ") + ")" : "";
    chips.push(h("span", { class: "chip usage-" + label }, h("span", { text: label }), fmtInt(whole) + detail));
  };
  add("prompt", usage.input, usageParts(usage, "input_"));
  add("completion", usage.output, usageParts(usage, "output_"));
  if (typeof usage.total === "number") chips.push(h("span", { class: "chip usage-total" }, h("span", { text: "total" }), fmtInt(usage.total)));
  if (chips.length === 0) return numbersChips(usage, fmtInt);
  return h("div", { class: "chips", title: "as sent (Langfuse convention): " + JSON.stringify(usage) }, chips);
}

function kvList(pairs) {
  return h("dl", { class: "kv" }, pairs.filter(function (p) { return p[1] !== null && p[1] !== undefined && p[1] !== ""; }).map(function (p) {
    return [h("dt", { text: p[0] }), h("dd", null, p[1])];
  }));
}

function scoreChips(scores) {
  if (!scores.length) return null;
  return h("div", { class: "scores" }, scores.map(function (s) {
    var value = typeof s.value === "number" ? (s.dataType === "BOOLEAN" ? (s.value ? "true" : "false") : String(Number(s.value.toPrecision(4)))) : String(s.value);
    return h("span", { class: "score", title: s.comment || s.dataType }, s.name, h("b", { text: value }));
  }));
}

function observationDetail(detail, o) {
  var dur = o.endTime === null ? null : o.endTime - o.startTime;
  var scores = detail.scores.filter(function (s) { return s.observationId === o.id; });
  var isRoot = !o.parentObservationId || !detail.observations.some(function (p) { return p.id === o.parentObservationId; });
  var input = isRoot && (o.input === null || o.input === undefined) ? detail.trace.input : o.input;
  var output = isRoot && (o.output === null || o.output === undefined) ? detail.trace.output : o.output;
  return h("div", { class: "card detail", id: "observation-detail", "data-obs-id": o.id },
    h("h2", null, typeBadge(o.type), h("span", { text: o.name || "(unnamed)" }), levelBadge(o.level)),
    o.statusMessage ? h("div", { class: "status level-" + o.level, text: o.statusMessage }) : null,
    kvList([
      ["Start", new Date(o.startTime).toISOString().replace("T", " ").replace("Z", " UTC")],
      ["Duration", fmtDuration(dur)],
      ["Time to first token", o.timeToFirstTokenMs === null ? null : fmtDuration(o.timeToFirstTokenMs)],
      ["Model", o.model],
      ["Prompt", o.promptName ? o.promptName + (o.promptVersion !== null ? " v" + o.promptVersion : "") : null],
      ["Environment", o.environment],
      ["Version", o.version],
      ["ID", h("span", { class: "code", text: o.id })],
    ]),
    o.modelParameters ? section("Model parameters", numbersChips(o.modelParameters, String)) : null,
    o.usage ? section("Usage (tokens)", usageChips(o.usage)) : null,
    o.cost ? section("Cost (USD)", numbersChips(o.cost, fmtCost)) : null,
    scores.length ? section("Scores", scoreChips(scores)) : null,
    section("Input", valueView(input)),
    section("Output", valueView(output)),
    o.metadata ? h("div", { class: "section" }, h("details", { class: "meta" }, h("summary", { text: "Metadata" }), jsonBlock(o.metadata))) : null);
}

function traceHeader(t, scores) {
  var facts = [
    ["Start", fmtTime(t.startTime)], ["Duration", fmtDuration(t.durationMs)], ["User", t.userId], ["Session", t.sessionId],
    ["Tokens", t.usage.total ? fmtInt(t.usage.total) : null], ["Cost", t.cost ? fmtCost(t.cost) : null],
    ["Environment", t.environment], ["Release", t.release], ["Version", t.version],
  ].filter(function (f) { return f[1]; });
  var sampling = t.sampleRate < 1
    ? h("span", { class: "sampled", title: "this trace stands for about " + fmtInt(1 / t.sampleRate) + " traces" }, "Sampled at " + fmtPct(t.sampleRate) + " (≈ " + fmtInt(1 / t.sampleRate) + " traces)")
    : null;
  return h("div", { class: "card trace-head" },
    h("div", { class: "crumbs" }, h("a", { href: "#/", text: "← Traces" }), h("span", { class: "faint" }, "  /  ", h("span", { class: "code", text: t.id }))),
    h("h1", null, h("span", { id: "trace-name", text: t.name || "(unnamed trace)" }), levelBadge(t.level),
      (t.tags || []).map(function (tag) { return h("span", { class: "tag", text: tag }); })),
    h("div", { class: "facts" }, facts.map(function (f) { return h("span", null, f[0] + " ", h("b", { text: f[1] })); }), sampling),
    scoreChips(scores.filter(function (s) { return !s.observationId; })));
}

function renderTracePage(root, id, params) {
  root.appendChild(h("div", { class: "loading", text: "Loading trace…" }));
  api("/api/traces/" + encodeURIComponent(id)).then(function (detail) {
    clear(root);
    var rows = treeRows(detail.observations);
    var selected = params.get("obs") || (rows[0] && rows[0].obs.id);
    var split = h("div", { class: "split" });
    function draw() {
      clear(split);
      var obs = detail.observations.filter(function (o) { return o.id === selected; })[0];
      append(split, [waterfall(detail, selected, select), obs ? observationDetail(detail, obs) : h("div", { class: "card empty", text: "This trace has no observations." })]);
    }
    function select(obsId) {
      selected = obsId;
      var next = new URLSearchParams(params);
      next.set("obs", obsId);
      history.replaceState(null, "", hashFor("/trace/" + encodeURIComponent(id), next));
      draw();
    }
    append(root, [traceHeader(detail.trace, detail.scores), split]);
    draw();
  }, function (err) { clear(root).appendChild(errorBox(err)); });
}
`;

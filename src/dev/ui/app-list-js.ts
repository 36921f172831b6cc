/**
 * The viewer script's trace list: filter bar (search, name, user, session, tag, level, time range), totals with sampling extrapolation, the table and keyset paging.
 *
 * Browser code kept as a string so the package needs no asset copying; it is plain ES2017 without
 * template literals (the string is a `String.raw` template). A test parses the assembled script.
 *
 * @module
 */

/** The viewer script's trace list. */
export const APP_LIST_JS = String.raw`// ---- the trace list --------------------------------------------------------------------------------
var RANGES = { "15m": 15 * 60000, "1h": 3600000, "24h": 86400000, "7d": 7 * 86400000, "30d": 30 * 86400000 };
var FILTER_KEYS = ["q", "name", "user", "session", "tag", "level", "range", "from", "to"];

function apiQuery(params, withCursor) {
  var q = new URLSearchParams();
  ["q", "name", "user", "session", "tag", "level"].forEach(function (k) { if (params.get(k)) q.set(k, params.get(k)); });
  var range = params.get("range");
  if (range && RANGES[range]) q.set("from", String(Date.now() - RANGES[range]));
  if (range === "custom") {
    ["from", "to"].forEach(function (k) {
      var ms = params.get(k) ? new Date(params.get(k)).getTime() : NaN;
      if (!isNaN(ms)) q.set(k, String(ms));
    });
  }
  if (withCursor && params.get("cursor")) q.set("cursor", params.get("cursor"));
  return q;
}

function loadFacets() {
  if (!state.facets) state.facets = api("/api/facets").catch(function () { return { names: [], tags: [] }; });
  return state.facets;
}

function filterBar(params) {
  var fields = {};
  function apply() {
    var next = new URLSearchParams();
    FILTER_KEYS.forEach(function (k) {
      var el = fields[k];
      var v = el ? el.value.trim() : "";
      if (v && ((k !== "from" && k !== "to") || fields.range.value === "custom")) next.set(k, v);
    });
    state.cursorStack = [];
    go("/", next);
  }
  function input(key, placeholder, cls, list) {
    fields[key] = h("input", { type: key === "q" ? "search" : "text", class: cls, placeholder: placeholder, value: params.get(key) || "", list: list, "data-filter": key, "aria-label": placeholder,
      onchange: apply, onkeydown: function (e) { if (e.key === "Enter") apply(); } });
    return fields[key];
  }
  function select(key, options) {
    fields[key] = h("select", { "data-filter": key, onchange: apply, "aria-label": key },
      options.map(function (o) { return h("option", { value: o[0], text: o[1], selected: (params.get(key) || "") === o[0] }); }));
    return fields[key];
  }
  function dateInput(key) {
    fields[key] = h("input", { type: "datetime-local", value: params.get(key) || "", "data-filter": key, onchange: apply, "aria-label": key });
    return fields[key];
  }
  var custom = params.get("range") === "custom";
  var namesList = h("datalist", { id: "names-list" });
  var tagsList = h("datalist", { id: "tags-list" });
  loadFacets().then(function (f) {
    append(namesList, f.names.map(function (n) { return h("option", { value: n }); }));
    append(tagsList, f.tags.map(function (t) { return h("option", { value: t }); }));
  });
  var live = h("input", { type: "checkbox", checked: state.live, onchange: function () { state.live = live.checked; } });
  var hasFilters = FILTER_KEYS.some(function (k) { return params.get(k); });
  return h("div", { class: "filters card" },
    input("q", "Search names, users, inputs, outputs…", "search"),
    input("name", "Name", "field", "names-list"),
    input("user", "User", "field"),
    input("session", "Session", "field"),
    input("tag", "Tag", "field", "tags-list"),
    select("level", [["", "Any level"], ["ERROR", "Error"], ["WARNING", "Warning"], ["DEFAULT", "Default"], ["DEBUG", "Debug"]]),
    select("range", [["", "Any time"], ["15m", "Last 15 minutes"], ["1h", "Last hour"], ["24h", "Last 24 hours"], ["7d", "Last 7 days"], ["30d", "Last 30 days"], ["custom", "Custom range…"]]),
    custom ? [dateInput("from"), dateInput("to")] : null,
    hasFilters ? h("button", { class: "btn-link", text: "Clear", onclick: function () { state.cursorStack = []; go("/"); } }) : null,
    h("label", { class: "live", title: "Refresh the first page every few seconds" }, live, "Live"),
    namesList, tagsList);
}

function totalsView(t) {
  var sampled = Math.abs(t.estimatedTraces - t.kept) > 1e-9;
  if (!sampled) {
    return [h("span", null, h("strong", { text: fmtInt(t.kept) }), t.kept === 1 ? " trace" : " traces"),
      h("span", null, h("strong", { text: fmtCompact(t.tokens) }), " tokens"),
      h("span", null, h("strong", { text: fmtCost(t.cost) }), " cost"),
      h("span", { class: "note faint", text: "all traces kept (no sampling)" })];
  }
  return [h("span", { "data-totals": "traces" }, h("strong", { text: fmtInt(t.kept) }), " kept ≈ ", h("span", { class: "est", text: fmtInt(t.estimatedTraces) }), " traces"),
    h("span", null, h("strong", { text: fmtCompact(t.tokens) }), " tokens ≈ ", h("span", { class: "est", text: fmtCompact(t.estimatedTokens) })),
    h("span", null, h("strong", { text: fmtCost(t.cost) }), " ≈ ", h("span", { class: "est", text: fmtCost(t.estimatedCost) })),
    h("span", { class: "note faint", text: "estimates weight each kept trace by 1 / its sampling probability" })];
}

function traceRow(t) {
  var href = "#/trace/" + encodeURIComponent(t.id);
  return h("tr", { "data-trace-id": t.id, onclick: function (e) { if (!e.target.closest("a")) location.hash = href; } },
    h("td", { class: "time", title: new Date(t.startTime).toISOString(), text: fmtTime(t.startTime) }),
    h("td", { class: "name" }, h("a", { href: href, text: t.name || "(unnamed)" })),
    h("td", { class: "num", text: fmtDuration(t.durationMs) }),
    h("td", { title: t.userId || "", text: t.userId || "" }),
    h("td", { title: t.sessionId || "", text: t.sessionId || "" }),
    h("td", null, (t.tags || []).map(function (tag) { return h("span", { class: "tag", text: tag }); })),
    h("td", null, levelBadge(t.level) || h("span", { class: "badge level-DEFAULT", text: "—" })),
    h("td", { class: "num", title: "input " + fmtInt(t.usage.input) + " · output " + fmtInt(t.usage.output), text: t.usage.total ? fmtInt(t.usage.total) : "" }),
    h("td", { class: "num", text: t.cost ? fmtCost(t.cost) : "" }),
    h("td", { class: "num" + (t.sampleRate < 1 ? " sampled" : " faint"), title: "kept with probability " + t.sampleRate, text: fmtPct(t.sampleRate) }));
}

function emptyView(filtered) {
  if (filtered) return h("div", { class: "empty" }, h("h2", { text: "No traces match these filters" }), "Try a wider time range or clear the filters.");
  return h("div", { class: "empty" },
    h("h2", { text: "No traces yet" }),
    h("p", null, "Run your app with Tracewise: with no other configuration it sends here while this collector runs."),
    h("p", null, "Any OpenTelemetry SDK works too: export OTLP/HTTP to ", h("code", { text: location.origin + "/v1/traces" }), "."));
}

function renderListPage(root, params) {
  var totals = h("div", { class: "totals card", id: "totals" }, h("span", { class: "faint", text: "Counting…" }));
  var table = h("div", { class: "card", id: "trace-table" }, h("div", { class: "loading", text: "Loading traces…" }));
  var pager = h("div", { class: "pager" });
  append(root, [filterBar(params), totals, table, pager]);
  var filtered = FILTER_KEYS.some(function (k) { return params.get(k); });
  function load() {
    var listQuery = apiQuery(params, true);
    api("/api/traces?" + listQuery.toString()).then(function (page) {
      clear(table);
      if (page.data.length === 0) { table.appendChild(emptyView(filtered || params.get("cursor"))); }
      else {
        var head = ["Time", "Name", "Duration", "User", "Session", "Tags", "Level", "Tokens", "Cost", "Sampled"].map(function (c, i) {
          return h("th", { class: i === 2 || i >= 7 ? "num" : null, text: c });
        });
        table.appendChild(h("table", { class: "traces" }, h("thead", null, h("tr", null, head)), h("tbody", null, page.data.map(traceRow))));
      }
      renderPager(pager, params, page.nextCursor);
    }, function (err) { clear(table).appendChild(errorBox(err)); });
    api("/api/traces/totals?" + apiQuery(params, false).toString()).then(function (t) {
      clear(totals);
      append(totals, totalsView(t));
    }, function () { clear(totals); });
  }
  load();
  if (!params.get("cursor")) startLive(load);
}

function renderPager(pager, params, nextCursor) {
  clear(pager);
  var current = params.get("cursor") || "";
  var pageNo = state.cursorStack.length + 1;
  var newer = h("button", { class: "btn", text: "← Newer", disabled: !current, onclick: function () {
    var next = new URLSearchParams(params);
    var prev = state.cursorStack.pop();
    if (prev) next.set("cursor", prev); else next.delete("cursor");
    go("/", next);
  } });
  var older = h("button", { class: "btn", text: "Older →", disabled: !nextCursor, onclick: function () {
    var next = new URLSearchParams(params);
    state.cursorStack.push(current);
    next.set("cursor", nextCursor);
    go("/", next);
  } });
  append(pager, [current ? h("span", { text: "Page " + pageNo }) : null, newer, older]);
}
`;

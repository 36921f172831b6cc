/**
 * The viewer script's foundation: a tiny DOM builder (text is always set as text, never as HTML), JSON fetch, hash routing, live refresh and number/time formatting.
 *
 * Browser code kept as a string so the package needs no asset copying; it is plain ES2017 without
 * template literals (the string is a `String.raw` template). A test parses the assembled script.
 *
 * @module
 */

/** The viewer script's foundation. */
export const APP_CORE_JS = String.raw`// ---- DOM, fetch, routing, formatting -------------------------------------------------------------
var LIVE_REFRESH_MS = 3000;
var state = { facets: null, cursorStack: [], liveTimer: null, live: true };

function h(tag, props) {
  var el = document.createElement(tag);
  if (props) {
    Object.keys(props).forEach(function (key) {
      var v = props[key];
      if (v === undefined || v === null || v === false) return;
      if (key === "class") el.className = v;
      else if (key === "text") el.textContent = String(v);
      else if (key.slice(0, 2) === "on") el.addEventListener(key.slice(2), v);
      else if (key === "style") Object.keys(v).forEach(function (s) { el.style[s] = v[s]; });
      else if (key === "value") el.value = v;
      else el.setAttribute(key, v === true ? "" : String(v));
    });
  }
  for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
  return el;
}

function append(el, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
  el.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
}

function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

function api(path) {
  return fetch(path, { headers: { accept: "application/json" } }).then(function (res) {
    return res.json().then(function (body) {
      if (!res.ok) throw new Error(body && body.error ? body.error : "HTTP " + res.status);
      return body;
    });
  });
}

function parseHash() {
  var hash = location.hash.replace(/^#/, "") || "/";
  var q = hash.indexOf("?");
  return { path: q >= 0 ? hash.slice(0, q) : hash, params: new URLSearchParams(q >= 0 ? hash.slice(q + 1) : "") };
}

function hashFor(path, params) {
  var qs = params ? params.toString() : "";
  return "#" + path + (qs ? "?" + qs : "");
}

function go(path, params) {
  location.hash = hashFor(path, params);
}

function stopLive() {
  if (state.liveTimer) clearInterval(state.liveTimer);
  state.liveTimer = null;
}

function startLive(fn) {
  stopLive();
  state.liveTimer = setInterval(function () {
    if (state.live && document.visibilityState === "visible") fn();
  }, LIVE_REFRESH_MS);
}

function render() {
  stopLive();
  var route = parseHash();
  var match = /^\/trace\/(.+)$/.exec(route.path);
  var root = clear(document.getElementById("app"));
  if (match) renderTracePage(root, decodeURIComponent(match[1]), route.params);
  else renderListPage(root, route.params);
}

function start() {
  var endpoint = document.getElementById("endpoint");
  if (endpoint) endpoint.textContent = "OTLP → " + location.origin + "/v1/traces";
  window.addEventListener("hashchange", render);
  render();
}

var NUM = new Intl.NumberFormat("en-US");
var COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

function fmtInt(n) { return NUM.format(Math.round(n || 0)); }
function fmtCompact(n) { return n >= 100000 ? COMPACT.format(n) : fmtInt(n); }

function fmtCost(usd) {
  if (!usd) return "$0";
  if (usd >= 1000) return "$" + fmtInt(usd);
  if (usd >= 1) return "$" + usd.toFixed(2);
  if (usd < 0.000001) return "$" + usd.toExponential(1);
  return "$" + String(Number(usd.toPrecision(2)));
}

function fmtDuration(ms) {
  if (ms === null || ms === undefined) return "–";
  if (ms === 0) return "0 ms";
  if (ms < 1) return ms.toFixed(2) + " ms";
  if (ms < 1000) return Math.round(ms) + " ms";
  if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + " s";
  var m = Math.floor(ms / 60000);
  var s = Math.round((ms % 60000) / 1000);
  return m + "m " + (s < 10 ? "0" : "") + s + "s";
}

function fmtTime(ms) {
  var d = new Date(ms);
  var today = new Date();
  var time = d.toLocaleTimeString("en-GB", { hour12: false });
  if (d.toDateString() === today.toDateString()) return time;
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", year: d.getFullYear() === today.getFullYear() ? undefined : "numeric" }) + ", " + time;
}

function fmtPct(p) {
  if (p === null || p === undefined || p >= 1) return "100%";
  var pct = p * 100;
  return (pct >= 10 ? String(Math.round(pct)) : String(Number(pct.toPrecision(2)))) + "%";
}

function errorBox(err) {
  return h("div", { class: "error-box" }, "Could not load: " + (err && err.message ? err.message : String(err)));
}
`;

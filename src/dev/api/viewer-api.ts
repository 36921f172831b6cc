/**
 * The viewer's small JSON API: `GET /api/health`, `/api/traces` (a page), `/api/traces/totals`,
 * `/api/facets` and `/api/traces/:id`.
 *
 * @module
 */
import type { ServerResponse } from "node:http";
import { HttpError, sendJson } from "../http/http-io";
import { parseListQuery } from "../store/trace-filter";
import type { TraceStore } from "../store/trace-store";

/** The `service` field of `/api/health`: what `probeCollector` looks for. */
export const HEALTH_SERVICE = "tracewise-collector";

/** Version of this JSON API, reported by `/api/health`. */
export const API_VERSION = 1;

/**
 * Answers a GET under `/api/`; returns false when the path is not an API route.
 * @param url - the request URL, parsed against the server's origin
 */
export function handleViewerApi(url: URL, res: ServerResponse, store: TraceStore): boolean {
  const path = url.pathname;
  if (path === "/api/health") {
    sendJson(res, 200, { status: "ok", service: HEALTH_SERVICE, apiVersion: API_VERSION, traces: store.count() });
    return true;
  }
  if (path === "/api/traces" || path === "/api/traces/totals") {
    const parsed = parseListQuery(url.searchParams);
    if (!parsed.ok) throw new HttpError(400, parsed.error);
    sendJson(res, 200, path === "/api/traces" ? store.list(parsed.filter, parsed.limit, parsed.cursor) : store.totals(parsed.filter));
    return true;
  }
  if (path === "/api/facets") {
    sendJson(res, 200, store.facets());
    return true;
  }
  const match = /^\/api\/traces\/([^/]+)$/.exec(path);
  if (match?.[1]) {
    const detail = store.trace(decodeURIComponent(match[1]));
    if (!detail) throw new HttpError(404, `trace ${match[1]} not found`);
    sendJson(res, 200, detail);
    return true;
  }
  return false;
}

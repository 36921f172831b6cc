/**
 * The collector's request listener: routes ingestion (OTLP, legacy), the viewer's JSON API and its
 * static assets, and turns every failure into a JSON error response — a request never crashes the
 * server.
 *
 * @module
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { handleIngestion, handleScore } from "./api/ingestion-endpoint";
import { handleOtlpTraces, OTLP_TRACE_PATHS } from "./api/otlp-endpoint";
import { handleViewerApi } from "./api/viewer-api";
import { isAllowedHost } from "./http/host-guard";
import { HttpError, sendAsset, sendError } from "./http/http-io";
import type { TraceStore } from "./store/trace-store";
import { UI_ASSETS } from "./ui/ui-assets";

/** Options of {@link createCollectorListener}. */
export interface CollectorRouterOptions {
  store: TraceStore;
  /** Address the server is bound to (for the Host check). */
  host: string;
  /** Receives one line per failed request (5xx); 4xx are the client's business and go to the response only. */
  log?: (line: string) => void;
}

async function route(req: IncomingMessage, res: ServerResponse, options: CollectorRouterOptions): Promise<void> {
  const url = new URL(req.url ?? "/", "http://collector.local");
  const method = req.method ?? "GET";
  if (method === "POST") {
    if (OTLP_TRACE_PATHS.includes(url.pathname)) return handleOtlpTraces(req, res, options.store);
    if (url.pathname === "/api/public/ingestion") return handleIngestion(req, res, options.store);
    if (url.pathname === "/api/public/scores") return handleScore(req, res, options.store);
    throw new HttpError(404, `no POST route ${url.pathname}`);
  }
  if (method !== "GET" && method !== "HEAD") throw new HttpError(405, `method ${method} is not allowed`);
  if (url.pathname.startsWith("/api/")) {
    if (handleViewerApi(url, res, options.store)) return;
    throw new HttpError(404, `no API route ${url.pathname}`);
  }
  const asset = UI_ASSETS[url.pathname];
  if (!asset) throw new HttpError(404, `not found: ${url.pathname}`);
  sendAsset(res, asset.contentType, asset.body, method);
}

/** Creates the collector's `http` request listener. */
export function createCollectorListener(options: CollectorRouterOptions): RequestListener {
  return (req, res) => {
    if (!isAllowedHost(req.headers.host, options.host)) {
      sendError(res, 403, "forbidden host: the local collector only answers requests addressed to localhost");
      return;
    }
    route(req, res, options).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status >= 500) options.log?.(`tracewise collector: ${req.method ?? ""} ${req.url ?? ""} failed: ${message}`);
      if (res.headersSent) res.destroy();
      else sendError(res, status, status >= 500 ? `internal error: ${message}` : message);
    });
  };
}

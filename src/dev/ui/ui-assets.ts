/**
 * The viewer's static assets, served from memory: one HTML page, one stylesheet and one script
 * (plain browser JavaScript kept in TypeScript string modules, so there is no build step and no file
 * to copy into the package).
 *
 * @module
 */
import { APP_CORE_JS } from "./app-core-js";
import { APP_LIST_JS } from "./app-list-js";
import { APP_TRACE_JS } from "./app-trace-js";
import { APP_RENDER_JS } from "./app-render-js";
import { INDEX_HTML } from "./index-html";
import { STYLES_CSS } from "./styles-css";

/** A static asset: its content type and body. */
export interface UiAsset {
  contentType: string;
  body: string;
}

/** The viewer's script: the parts concatenated inside one strict-mode IIFE. */
export const APP_JS = `(function () {\n"use strict";\n${APP_CORE_JS}\n${APP_RENDER_JS}\n${APP_LIST_JS}\n${APP_TRACE_JS}\nstart();\n})();\n`;

/** Assets by request path. */
export const UI_ASSETS: Readonly<Record<string, UiAsset>> = {
  "/": { contentType: "text/html; charset=utf-8", body: INDEX_HTML },
  "/index.html": { contentType: "text/html; charset=utf-8", body: INDEX_HTML },
  "/assets/app.js": { contentType: "text/javascript; charset=utf-8", body: APP_JS },
  "/assets/app.css": { contentType: "text/css; charset=utf-8", body: STYLES_CSS },
};

import type { ObservationRecord, ScoreRecord } from "../../core/records";
import { sanitizeForPrint } from "../../diag/sanitize";
import { formatReportedTokens, reportedTokens } from "./reported-tokens";

/** How to style a piece of text (colours on a TTY, identity otherwise). */
export type Style = (kind: "dim" | "bold" | "error" | "warn" | "type" | "model", text: string) => string;

/** Plain text, no colours. */
export const plainStyle: Style = (_kind, text) => text;

/** Formats a duration in ms as `850 µs`, `12 ms`, `1.52 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/**
 * Renders one finished trace as a tree: names, types, durations, levels, model, tokens, cost and
 * scores. Observations whose parent is not among them hang off the root.
 */
export function formatTraceTree(observations: readonly ObservationRecord[], scores: readonly ScoreRecord[], style: Style = plainStyle): string {
  const root = observations.find((o) => o.isLocalRoot) ?? observations[0];
  if (root === undefined) return "";
  const ids = new Set(observations.map((o) => o.id));
  const children = new Map<string, ObservationRecord[]>();
  for (const o of observations) {
    if (o === root) continue;
    const parent = o.parentObservationId !== undefined && ids.has(o.parentObservationId) ? o.parentObservationId : root.id;
    const list = children.get(parent) ?? [];
    list.push(o);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.startTime - b.startTime);
  const lines = [headline(root, style)];
  const walk = (id: string, prefix: string): void => {
    const list = children.get(id) ?? [];
    list.forEach((child, i) => {
      const last = i === list.length - 1;
      lines.push(`${prefix}${style("dim", last ? "└─ " : "├─ ")}${line(child, style)}`);
      walk(child.id, prefix + (last ? "   " : style("dim", "│  ")));
    });
  };
  walk(root.id, "");
  if (scores.length > 0) {
    lines.push(style("dim", "scores: ") + scores.map((s) => `${p(s.name)}=${p(String(s.value))}${s.comment ? ` (${p(s.comment)})` : ""}`).join(", "));
  }
  return lines.join("\n");
}

function headline(root: ObservationRecord, style: Style): string {
  const t = root.trace;
  const facts = [
    `trace ${root.traceId.slice(0, 8)}…`,
    t.userId === undefined ? "" : `user=${p(t.userId)}`,
    t.sessionId === undefined ? "" : `session=${p(t.sessionId)}`,
    t.tags === undefined || t.tags.length === 0 ? "" : `tags=[${p(t.tags.join(","))}]`,
    t.sampleRate < 1 ? `sampled p=${t.sampleRate}` : "",
  ].filter((f) => f !== "");
  return `${style("bold", "● " + p(t.name ?? root.name))}  ${line(root, style, false)}  ${style("dim", facts.join("  "))}`;
}

function line(o: ObservationRecord, style: Style, withName = true): string {
  const parts: string[] = [];
  if (withName) parts.push(`${style("type", p(o.type))} ${p(o.name)}`);
  if (o.type !== "event") parts.push(formatDuration(o.endTime - o.startTime));
  if (o.model !== undefined) parts.push(style("model", p(o.model)));
  const tokens = reportedTokens(o.usageDetails);
  if (tokens !== undefined) parts.push(formatReportedTokens(tokens));
  const cost = o.costDetails?.total ?? sumCost(o.costDetails);
  if (cost !== undefined) parts.push(`$${cost.toFixed(6)}`);
  if (o.completionStartTime !== undefined) parts.push(`ttft ${formatDuration(o.completionStartTime - o.startTime)}`);
  if (o.level === "ERROR") parts.push(style("error", `ERROR${o.statusMessage ? `: ${p(o.statusMessage)}` : ""}`));
  else if (o.level === "WARNING") parts.push(style("warn", `WARNING${o.statusMessage ? `: ${p(o.statusMessage)}` : ""}`));
  return parts.join("  ");
}

/** Text from the application, made printable: escaped control characters, secrets redacted, capped. */
function p(text: unknown): string {
  return sanitizeForPrint(String(text));
}

function sumCost(cost: Record<string, number> | undefined): number | undefined {
  if (cost === undefined) return undefined;
  const values = Object.values(cost);
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
}

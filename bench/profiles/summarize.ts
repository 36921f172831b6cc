/**
 * Summarizes a V8 `.cpuprofile` (from `node --cpu-prof`) as text: the top functions by self time and
 * by inclusive time, with their share of the sampled total. The summaries kept in this folder were
 * made with it; raw profiles are not kept (they are large).
 *
 *   npx tsx bench/profiles/summarize.ts <file.cpuprofile> [top=25] [filter-substring]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** `name (file:line)` of a frame, with the path shortened to the repository. */
function frameLabel(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, "").replace(/^.*\/(src|bench|node_modules)\//, "$1/");
  return `${functionName || "(anonymous)"} ${file ? `(${file}:${lineNumber + 1})` : ""}`.trim();
}

/** Self and inclusive microseconds per function label. */
export function summarize(profile: Profile): { total: number; self: Map<string, number>; inclusive: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfById = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    selfById.set(id, (selfById.get(id) ?? 0) + dt);
  });
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfById) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const label = frameLabel(node);
    self.set(label, (self.get(label) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at);
      if (n === undefined) break;
      const l = frameLabel(n);
      if (seen.has(l)) continue; // recursion counts once
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }
  return { total, self, inclusive };
}

function table(title: string, values: Map<string, number>, total: number, top: number, filter: string | undefined): string {
  const rows = [...values.entries()]
    .filter(([label]) => filter === undefined || label.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([label, us]) => `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${label}`);
  return [`## ${title}`, ...rows].join("\n");
}

const [file, topArg, filter] = process.argv.slice(2);
if (file !== undefined) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const top = Number(topArg ?? 25);
  const { total, self, inclusive } = summarize(profile);
  console.log(`# ${file.split("/").pop() ?? file}: ${(total / 1000).toFixed(0)} ms sampled\n`);
  console.log(table("self time", self, total, top, filter));
  console.log();
  console.log(table("inclusive time", inclusive, total, top, filter));
}

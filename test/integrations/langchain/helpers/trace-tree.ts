import { InMemoryExporter, Tracewise, type ObservationRecord, type TracewiseOptions } from "tracewise";

/** A client that keeps every record in memory and is not the global client. */
export function memoryClient(options: TracewiseOptions = {}): { tw: Tracewise; mem: InMemoryExporter } {
  const mem = new InMemoryExporter();
  const tw = new Tracewise({ logLevel: "silent", ...options, exporter: mem, global: false });
  return { tw, mem };
}

/** The observation named `name` (exactly one must exist). */
export function one(observations: readonly ObservationRecord[], name: string): ObservationRecord {
  const found = observations.filter((o) => o.name === name);
  if (found.length !== 1) throw new Error(`expected one observation "${name}", found ${found.length}: ${observations.map((o) => o.name).join(", ")}`);
  return found[0]!;
}

/** Children of an observation, in start order. */
export function childrenOf(observations: readonly ObservationRecord[], parent: ObservationRecord): ObservationRecord[] {
  return observations.filter((o) => o.parentObservationId === parent.id).sort((a, b) => a.startTime - b.startTime);
}

/** The trace as an indented outline of `type name` lines, children in start order. */
export function outline(observations: readonly ObservationRecord[]): string {
  const roots = observations.filter((o) => o.parentObservationId === undefined || !observations.some((p) => p.id === o.parentObservationId));
  const lines: string[] = [];
  const walk = (o: ObservationRecord, depth: number) => {
    lines.push(`${"  ".repeat(depth)}${o.type} ${o.name}`);
    for (const child of childrenOf(observations, o)) walk(child, depth + 1);
  };
  for (const root of roots.sort((a, b) => a.startTime - b.startTime)) walk(root, 0);
  return lines.join("\n");
}

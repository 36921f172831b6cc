import { InMemoryExporter, Tracewise, type TracewiseOptions } from "tracewise";

/** A client that keeps everything in memory; global (so decorators and observe() use it) unless told otherwise. */
export function memoryClient(options: TracewiseOptions = {}): { tw: Tracewise; mem: InMemoryExporter } {
  const mem = new InMemoryExporter();
  const tw = new Tracewise({ exporter: mem, logLevel: "silent", flushOnExit: false, ...options });
  return { tw, mem };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

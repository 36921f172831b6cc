import { Tracewise } from "./client";
import { getGlobalSlot } from "./global-slot";

/**
 * The global client: the latest constructed `Tracewise` (unless it opted out with `global: false`),
 * or, when none was constructed, one created now from environment variables. Checked structurally so
 * a client from the other module format (ESM vs CJS) of Tracewise still counts.
 */
export function getGlobalClient(): Tracewise {
  const current = getGlobalSlot() as Partial<Tracewise> | undefined;
  if (current !== undefined && typeof current.tracer?.startTrace === "function") return current as Tracewise;
  return new Tracewise();
}

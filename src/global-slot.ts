/**
 * The global client slot, on `globalThis` so the ESM and CJS builds share it. It holds whatever the
 * latest constructed client registered; `global-client.ts` creates one on first use when empty.
 */
const KEY = Symbol.for("tracewise.globalClient");

type Holder = { [KEY]?: unknown };

/** Stores `client` as the global client. */
export function setGlobalSlot(client: unknown): void {
  (globalThis as Holder)[KEY] = client;
}

/** The global client, if any. */
export function getGlobalSlot(): unknown {
  return (globalThis as Holder)[KEY];
}

/**
 * The global client slot, on `globalThis` so the ESM and CJS builds share it. It holds whatever the
 * latest constructed client registered; `global-client.ts` creates one on first use when empty.
 */
const KEY = Symbol.for("tracewise.globalClient");
const WARNED = Symbol.for("tracewise.globalClientReplacedWarned");

type Holder = { [KEY]?: unknown; [WARNED]?: boolean };

/**
 * Stores `client` as the global client. The first time in the process that it replaces another,
 * `onReplace` is called (a second client is usually a mistake: one per process is the design).
 */
export function setGlobalSlot(client: unknown, onReplace?: () => void): void {
  const holder = globalThis as Holder;
  if (holder[KEY] !== undefined && holder[KEY] !== client && holder[WARNED] !== true) {
    holder[WARNED] = true;
    onReplace?.();
  }
  holder[KEY] = client;
}

/** The global client, if any. */
export function getGlobalSlot(): unknown {
  return (globalThis as Holder)[KEY];
}

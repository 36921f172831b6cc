/**
 * What every system of the peers benchmark provides: one traced "turn" (a root calling a span step
 * and a generation step), a way to deliver everything, and how many observations it was asked to
 * deliver.
 *
 * @module
 */

/** The data of one trace: ~100 B input/output, or a 50 KB chat history for the generation. */
export interface TurnPayload {
  readonly input: unknown;
  readonly output: unknown;
  readonly generationInput: unknown;
  /** Awaited inside each step; for concurrent traces it yields to the event loop so traces interleave. */
  readonly pause: () => Promise<void>;
}

/** One system under test, in one process. */
export interface PeerSystem {
  /** Runs one trace: a root observation with a span and a generation. */
  turn(payload: TurnPayload): Promise<unknown>;
  /** Delivers everything produced (flush and shut down); resolves when the system says it is done. */
  finish(): Promise<void>;
  /** Observations the system was asked to deliver (after its own sampling), for delivered / produced. */
  produced(traces: number): number;
}

/** Where the sink listens. */
export interface SinkAddress {
  readonly baseUrl: string;
}

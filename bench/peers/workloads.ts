/**
 * The four workloads of issue 9 and their payloads.
 *
 * 1. `sequential`: 20k traces one after another, each a root with a span and a generation, ~100 B
 *    input/output.
 * 2. `concurrent`: 2k traces started at once; every step yields to the event loop (`setImmediate`),
 *    so the traces interleave.
 * 3. `history`: 1k sequential traces whose generation input is a 50 KB chat history.
 * 4. `dropped`: workload 1 with every trace dropped by the system's own sampler.
 *
 * @module
 */
import type { TurnPayload } from "./systems/system";

/** Workload names. */
export const WORKLOADS = ["sequential", "concurrent", "history", "dropped"] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

/** Traces per run of each workload. */
export const TRACES: Readonly<Record<WorkloadName, number>> = { sequential: 20_000, concurrent: 2_000, history: 1_000, dropped: 20_000 };

/** What the table says about each workload. */
export const WORKLOAD_TITLES: Readonly<Record<WorkloadName, string>> = {
  sequential: "(1) 20k sequential traces (root + span + generation, ~100 B in/out)",
  concurrent: "(2) 2k concurrent traces (interleaved with setImmediate)",
  history: "(3) 1k traces whose generation carries a 50 KB chat history",
  dropped: "(4) = (1) with every trace dropped by the system's sampler",
};

const RESOLVED = Promise.resolve();
const INPUT = { question: "What is the capital of France? Please answer in one short sentence, thanks." };
const OUTPUT = { answer: "Paris is the capital of France; it has been the seat of government for ages." };

/** A chat history of about 50 KB of JSON: 100 messages of ~500 B. */
function chatHistory(): { role: string; content: string }[] {
  const sentence = "The quick brown fox jumps over the lazy dog while the assistant explains the plan. ";
  return Array.from({ length: 100 }, (_, i) => ({ role: i % 2 === 0 ? "user" : "assistant", content: `${i}: ${sentence.repeat(6)}` }));
}

/** The payload of a workload. */
export function payloadFor(workload: WorkloadName): TurnPayload {
  const history = workload === "history" ? { messages: chatHistory() } : INPUT;
  const pause = workload === "concurrent" ? () => new Promise<void>((resolve) => setImmediate(resolve)) : () => RESOLVED;
  return { input: INPUT, output: OUTPUT, generationInput: history, pause };
}

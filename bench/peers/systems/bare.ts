import type { PeerSystem, TurnPayload } from "./system";

/** The same three nested functions without any tracing: the baseline. */
export function bareSystem(): PeerSystem {
  const retrieve = async (p: TurnPayload) => {
    await p.pause();
    return p.output;
  };
  const llm = async (p: TurnPayload) => {
    await p.pause();
    return p.output;
  };
  const turn = async (p: TurnPayload) => {
    await retrieve(p);
    return llm(p);
  };
  return { turn, finish: () => Promise.resolve(), produced: () => 0 };
}

import type { ObservationHandle, Tracewise } from "tracewise";
import { observePromise } from "../shared/api-promise";
import { asArray, asRecord, asString, errorMessage } from "../shared/read-fields";

/** The marker `observe()` sets on the functions it wraps (a global symbol, so no core internals are imported). */
const OBSERVED = Symbol.for("tracewise.observed");

/**
 * The tools of a `runTools` request as the model sees them: each definition without its `function`
 * and `parse` callbacks (which would be recorded as `"[Function function]"`).
 */
export function toolDefinitions(tools: unknown): unknown {
  const list = asArray(tools);
  if (list === undefined) return tools;
  return list.map((tool) => {
    const t = asRecord(tool);
    const fn = asRecord(t?.function);
    if (t === undefined || fn === undefined) return tool;
    return { ...withoutFunctions(t), function: withoutFunctions(fn) };
  });
}

function withoutFunctions(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => typeof v !== "function"));
}

/**
 * The `runTools` parameters with each tool's `function` replaced by one that records its execution as
 * a `tool` observation under the agent (arguments as input, result as output, a throw at level
 * ERROR, rethrown unchanged). A function already observed with `observe()` is left as it is, so it
 * is recorded once. The caller's objects are copied, never changed.
 */
export function withTracedTools(params: Record<string, unknown>, agent: ObservationHandle, client: Tracewise): Record<string, unknown> {
  const list = asArray(params.tools);
  if (list === undefined) return params;
  const tools = list.map((tool) => {
    const t = asRecord(tool);
    const fn = asRecord(t?.function);
    const callback = fn?.function;
    if (t === undefined || fn === undefined || typeof callback !== "function" || (callback as unknown as Record<symbol, unknown>)[OBSERVED] === true) return tool;
    return { ...t, function: { ...fn, function: tracedTool(callback as (...args: unknown[]) => unknown, asString(fn.name) ?? callback.name, agent, client) } };
  });
  return { ...params, tools };
}

function tracedTool(callback: (...args: unknown[]) => unknown, name: string, agent: ObservationHandle, client: Tracewise): (...args: unknown[]) => unknown {
  return function (this: unknown, ...args: unknown[]): unknown {
    let tool: ObservationHandle | undefined;
    try {
      tool = agent.startObservation({ name, asType: "tool", input: args[0] });
    } catch {
      // Recording must never stop the tool.
    }
    if (tool === undefined) return callback.apply(this, args);
    const observation = tool;
    let result: unknown;
    try {
      result = client.withObservation(observation, () => callback.apply(this, args));
    } catch (error) {
      observation.end({ level: "ERROR", statusMessage: errorMessage(error) });
      throw error;
    }
    return observePromise(result, {
      onValue: (value) => {
        observation.end({ output: value });
        return value;
      },
      onError: (error) => observation.end({ level: "ERROR", statusMessage: errorMessage(error) }),
      onRawResponse: () => observation.end({}),
    });
  };
}

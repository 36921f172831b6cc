/**
 * LangChain and LangGraph integration: pass a {@link CallbackHandler} in `callbacks` and every chain,
 * model call, tool and retriever of the run becomes an observation.
 *
 * `@langchain/core` (>= 0.3) is an optional peer dependency of Tracewise; only this entry point loads it.
 *
 * @packageDocumentation
 */

export { CallbackHandler } from "./callback-handler";
export type { CallbackHandlerOptions } from "./handler-options";

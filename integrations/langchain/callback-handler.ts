import type { AgentAction, AgentFinish } from "@langchain/core/agents";
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { Serialized } from "@langchain/core/load/serializable";
import type { BaseMessage } from "@langchain/core/messages";
import type { LLMResult } from "@langchain/core/outputs";
import type { ChainValues } from "@langchain/core/utils/types";
import { toTracedDocuments } from "./document-mapping";
import { errorFields } from "./error-mapping";
import { generationEnd } from "./generation-mapping";
import { resolveHandlerOptions, type CallbackHandlerOptions } from "./handler-options";
import { chainRun, generationRun, retrieverRun, toolRun } from "./run-starts";
import { RunTracker } from "./run-tracker";
import { chainOutput, toTracedValue } from "./value-mapping";

/**
 * Traces LangChain and LangGraph runs: chains (`chain`, or `agent` for agent executors and graphs),
 * chat models and LLMs (`generation` with model, parameters, messages, usage and time to first
 * token), tools, retrievers, agent actions and errors. `runId`/`parentRunId` define the tree; all
 * state is per run, so one handler can serve any number of concurrent invocations.
 *
 * Inside `observe` or `withObservation` the LangChain tree nests under the current observation;
 * otherwise each top-level run starts a trace. Per call, run metadata `tracewise_user_id`,
 * `tracewise_session_id` and `tracewise_tags` (or Langfuse's `langfuse_*` keys) set trace fields.
 *
 * Callbacks never throw, and they are awaited (`awaitHandlers`): they are cheap and synchronous, and
 * awaiting them keeps the parent capture in the caller's context and the trace complete when
 * `invoke` resolves.
 *
 * @example
 * ```ts
 * import { CallbackHandler } from "tracewise/langchain";
 * const handler = new CallbackHandler({ userId: "u1", sessionId: "s1" });
 * await chain.invoke({ topic: "bears" }, { callbacks: [handler] });
 * await graph.invoke(state, { callbacks: [handler], metadata: { tracewise_user_id: "u2" } });
 * ```
 */
export class CallbackHandler extends BaseCallbackHandler {
  /** Handler name, as LangChain reports it. */
  name = "TracewiseCallbackHandler";
  /** Always awaited: see the class description. */
  override awaitHandlers = true;
  private readonly tracker: RunTracker;

  /**
   * @param options - see {@link CallbackHandlerOptions}.
   * @throws TracewiseConfigError when an option is invalid.
   */
  constructor(options: CallbackHandlerOptions = {}) {
    super();
    this.tracker = new RunTracker(resolveHandlerOptions(options));
  }

  /** The handler keeps no per-invocation state of its own, so a copy is the handler itself. */
  override copy(): this {
    return this;
  }

  /** Starts a `chain` (or `agent`) observation. Argument order as LangChain calls it (0.3 and 1.x). */
  override handleChainStart(
    chain: Serialized,
    inputs: ChainValues,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    _runType?: string,
    runName?: string,
  ): void {
    this.guard("handleChainStart", () => this.tracker.start(chainRun(chain, inputs, { runId, parentRunId, tags, metadata, name: runName })));
  }

  /** Ends a chain with its output. */
  override handleChainEnd(outputs: ChainValues, runId: string): void {
    this.guard("handleChainEnd", () => this.tracker.end(runId, () => ({ output: chainOutput(outputs) })));
  }

  /** Ends a chain at level `ERROR`; the error itself is LangChain's to rethrow. */
  override handleChainError(err: unknown, runId: string): void {
    this.guard("handleChainError", () => this.tracker.end(runId, () => errorFields(err)));
  }

  /** Starts a `generation` for a chat model. */
  override handleChatModelStart(
    llm: Serialized,
    messages: BaseMessage[][],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    this.guard("handleChatModelStart", () =>
      this.tracker.start(generationRun(llm, messages, extraParams, { runId, parentRunId, tags, metadata, name: runName })),
    );
  }

  /** Starts a `generation` for a text LLM. */
  override handleLLMStart(
    llm: Serialized,
    prompts: string[],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    this.guard("handleLLMStart", () =>
      this.tracker.start(generationRun(llm, prompts, extraParams, { runId, parentRunId, tags, metadata, name: runName })),
    );
  }

  /**
   * The first streamed content sets `completionStartTime`: a non-empty token, or a chunk carrying a
   * tool call. The empty chunk a stream opens with (OpenAI's role chunk) is not a token.
   */
  override handleLLMNewToken(token: string, _idx: unknown, runId: string, _parentRunId?: string, _tags?: string[], fields?: unknown): void {
    this.guard("handleLLMNewToken", () => {
      if (token !== "" || carriesToolCall(fields)) this.tracker.firstToken(runId);
    });
  }

  /** Content-block deltas (LangChain 1.x stream events) count as streamed tokens too; starts do not. */
  override handleChatModelStreamEvent(event: unknown, runId: string): void {
    this.guard("handleChatModelStreamEvent", () => {
      if ((event as { event?: unknown } | null)?.event === "content-block-delta") this.tracker.firstToken(runId);
    });
  }

  /** Ends a generation with the output message, the responding model and the usage. */
  override handleLLMEnd(output: LLMResult, runId: string): void {
    this.guard("handleLLMEnd", () => this.tracker.end(runId, () => generationEnd(output)));
  }

  /** Ends a generation at level `ERROR`. */
  override handleLLMError(err: unknown, runId: string): void {
    this.guard("handleLLMError", () => this.tracker.end(runId, () => errorFields(err)));
  }

  /** Starts a `tool` observation. */
  override handleToolStart(
    tool: Serialized,
    input: string,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
    toolCallId?: string,
  ): void {
    this.guard("handleToolStart", () =>
      this.tracker.start(toolRun(tool, input, { runId, parentRunId, tags, metadata, name: runName }, toolCallId)),
    );
  }

  /** Ends a tool with its output (a `ToolMessage` is recorded as a message). */
  override handleToolEnd(output: unknown, runId: string): void {
    this.guard("handleToolEnd", () => this.tracker.end(runId, () => ({ output: toTracedValue(output) })));
  }

  /** Ends a tool at level `ERROR`. */
  override handleToolError(err: unknown, runId: string): void {
    this.guard("handleToolError", () => this.tracker.end(runId, () => errorFields(err)));
  }

  /** Starts a `retriever` observation with the query. */
  override handleRetrieverStart(
    retriever: Serialized,
    query: string,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    name?: string,
  ): void {
    this.guard("handleRetrieverStart", () => this.tracker.start(retrieverRun(retriever, query, { runId, parentRunId, tags, metadata, name })));
  }

  /** Ends a retriever with its documents (content and metadata, bounded). */
  override handleRetrieverEnd(documents: unknown[], runId: string): void {
    this.guard("handleRetrieverEnd", () => this.tracker.end(runId, () => ({ output: toTracedDocuments(documents) })));
  }

  /** Ends a retriever at level `ERROR`. */
  override handleRetrieverError(err: unknown, runId: string): void {
    this.guard("handleRetrieverError", () => this.tracker.end(runId, () => errorFields(err)));
  }

  /** Records an agent's decision to call a tool as an event under the agent's run. */
  override handleAgentAction(action: AgentAction, runId: string): void {
    this.guard("handleAgentAction", () =>
      this.tracker.event(runId, `agent action: ${String(action.tool)}`, () => ({ input: { tool: action.tool, toolInput: toTracedValue(action.toolInput), log: action.log } })),
    );
  }

  /** Records an agent's final answer as an event under the agent's run. */
  override handleAgentEnd(action: AgentFinish, runId: string): void {
    this.guard("handleAgentEnd", () =>
      this.tracker.event(runId, "agent finish", () => ({ output: { returnValues: toTracedValue(action.returnValues), log: action.log } })),
    );
  }

  /** Runs a callback body; a failure is reported, never thrown into LangChain (or the host). */
  private guard(where: string, body: () => void): void {
    try {
      body();
    } catch (error) {
      this.tracker.report(where, error);
    }
  }
}

/** Whether a streamed chunk (`fields.chunk.message`) carries a tool-call delta. */
function carriesToolCall(fields: unknown): boolean {
  const chunks = (fields as { chunk?: { message?: { tool_call_chunks?: unknown } } } | undefined)?.chunk?.message?.tool_call_chunks;
  return Array.isArray(chunks) && chunks.length > 0;
}

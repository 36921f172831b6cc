/** The prompt a generation is linked to (Langfuse links it when both are set, on generations only). */
export interface PromptLink {
  readonly promptName: string;
  readonly promptVersion: number;
}

/**
 * The prompt in a run's `metadata.langfusePrompt`, Langfuse's LangChain convention: a Langfuse prompt
 * client (or any `{ name, version }`), set with `prompt.withConfig({ metadata: { langfusePrompt } })`.
 * A fallback prompt (`isFallback`, used when Langfuse could not be reached) links nothing, as in
 * Langfuse's own handler. Never throws on hostile values.
 */
export function promptLinkOf(metadata: Record<string, unknown> | undefined): PromptLink | undefined {
  try {
    const prompt = metadata?.langfusePrompt as { name?: unknown; version?: unknown; isFallback?: unknown } | undefined;
    if (typeof prompt !== "object" || prompt === null || prompt.isFallback === true) return undefined;
    const { name, version } = prompt;
    if (typeof name !== "string" || name === "" || typeof version !== "number" || !Number.isInteger(version) || version < 0) return undefined;
    return { promptName: name, promptVersion: version };
  } catch {
    return undefined;
  }
}

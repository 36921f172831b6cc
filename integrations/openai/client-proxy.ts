import type { ResolvedOpenAIOptions } from "./openai-options";
import { defaultNameOf, isResourcePath, tracedMethodAt, type MethodSpec } from "./method-registry";
import { proxyResources, type SdkMethod } from "../shared/resource-proxy";
import { reportInternal } from "../shared/start-call";
import { runStreamHelper, runToolsRunner, type ClientWrapper } from "./sdk-helpers";
import type { EndpointCapture } from "../shared/endpoint-capture";
import { asRecord } from "../shared/read-fields";
import { runTracedCall, type TracedCallSpec } from "../shared/traced-call";
import { extractModelParameters } from "./model-parameters";

export { unwrapProxy } from "../shared/resource-proxy";

/**
 * Proxies an OpenAI client: the methods of the registry (`chat.completions.create`, …) are traced,
 * everything else passes through (see `proxyResources`).
 *
 * @param client - the real client.
 * @param options - the wrapper's resolved options.
 * @param wrap - wraps another client the same way (for `withOptions` and the helpers).
 */
export function proxyClient<T extends object>(client: T, options: ResolvedOpenAIOptions, wrap: ClientWrapper): T {
  return proxyResources(client, "", {
    isResource: isResourcePath,
    traceMethod: (method, owner, path) => {
      const spec = tracedMethodAt(path);
      return spec === undefined ? undefined : tracedMethod(method, owner, path, spec, options, wrap);
    },
  });
}

function tracedMethod(method: SdkMethod, owner: object, path: string, spec: MethodSpec, options: ResolvedOpenAIOptions, wrap: ClientWrapper): SdkMethod {
  const name = defaultNameOf(path);
  return (...args: unknown[]): unknown => {
    switch (spec.mode) {
      case "call":
        if (spec.capture === undefined) return method.apply(owner, args);
        return runTracedCall(method, owner, args, tracedCallSpec(path, name, spec.capture, options), options);
      case "helper":
        return runStreamHelper(method, owner, args, name, options, wrap);
      case "runner":
        return runToolsRunner(method, owner, args, name, options, wrap);
      case "client":
        return wrapReturnedClient(method.apply(owner, args), options, wrap);
    }
  };
}

function tracedCallSpec(path: string, name: string, capture: EndpointCapture, options: ResolvedOpenAIOptions): TracedCallSpec {
  // Only chat and legacy completions take `stream_options`.
  const acceptsStreamOptions = path === "chat.completions.create" || path === "completions.create";
  return {
    name,
    capture,
    modelParameters: extractModelParameters,
    ...(options.includeUsage === true && acceptsStreamOptions ? { streamArgs: withIncludeUsage } : {}),
  };
}

/** The arguments with `stream_options.include_usage` set, unless the caller set it either way. */
function withIncludeUsage(params: Record<string, unknown>, args: readonly unknown[]): unknown[] {
  const streamOptions = asRecord(params.stream_options);
  if (streamOptions?.include_usage !== undefined) return [...args];
  return [{ ...params, stream_options: { ...streamOptions, include_usage: true } }, ...args.slice(1)];
}

function wrapReturnedClient(client: unknown, options: ResolvedOpenAIOptions, wrap: ClientWrapper): unknown {
  try {
    return typeof client === "object" && client !== null ? wrap(client, options) : client;
  } catch (error) {
    reportInternal(options, "withOptions", error);
    return client;
  }
}

import type { ResolvedOpenAIOptions } from "./openai-options";
import { defaultNameOf, isResourcePath, tracedMethodAt, type MethodSpec } from "./method-registry";
import { reportInternal } from "../shared/start-call";
import { runStreamHelper, runToolsRunner, type ClientWrapper } from "./sdk-helpers";
import { runTracedCall, type SdkMethod } from "./traced-call";

/** The real object behind each proxy this module made (to unwrap before re-wrapping). */
const targets = new WeakMap<object, object>();

/** The object behind `value` if it is one of our proxies, else `value` itself. */
export function unwrapProxy<T extends object>(value: T): T {
  return (targets.get(value) as T | undefined) ?? value;
}

/**
 * Proxies an OpenAI client. Property reads go to the real object (getters and private `#fields`
 * work); the resources on the way to a registered method (`chat`, `chat.completions`, …) are proxied
 * in turn, registered methods are traced, and every other function is bound to its real object.
 * Values that lead to no registered method (`client.models`, `client.apiKey`, …) are returned as they
 * are, so pagination and everything else behave exactly as without the wrapper. Proxies and bound
 * functions are cached, so `client.chat === client.chat` holds.
 *
 * @param client - the real client.
 * @param options - the wrapper's resolved options.
 * @param wrap - wraps another client the same way (for `withOptions` and the helpers).
 */
export function proxyClient<T extends object>(client: T, options: ResolvedOpenAIOptions, wrap: ClientWrapper): T {
  return proxyAt(client, "", options, wrap);
}

function proxyAt<T extends object>(target: T, path: string, options: ResolvedOpenAIOptions, wrap: ClientWrapper): T {
  const cache = new Map<PropertyKey, { source: unknown; value: unknown }>();
  const proxy = new Proxy(target, {
    get(real, property) {
      const value: unknown = Reflect.get(real, property, real);
      if (typeof value !== "function" && (typeof value !== "object" || value === null)) return value;
      const cached = cache.get(property);
      if (cached !== undefined && cached.source === value) return cached.value;
      const result = typeof property === "string" ? decorate(real, value, join(path, property), options, wrap) : bindIfFunction(value, real);
      cache.set(property, { source: value, value: result });
      return result;
    },
  });
  targets.set(proxy, target);
  return proxy;
}

function decorate(owner: object, value: object, path: string, options: ResolvedOpenAIOptions, wrap: ClientWrapper): unknown {
  if (typeof value === "function") {
    const spec = tracedMethodAt(path);
    return spec === undefined ? bindIfFunction(value, owner) : tracedMethod(value as SdkMethod, owner, path, spec, options, wrap);
  }
  return isResourcePath(path) ? proxyAt(value, path, options, wrap) : value;
}

function tracedMethod(method: SdkMethod, owner: object, path: string, spec: MethodSpec, options: ResolvedOpenAIOptions, wrap: ClientWrapper): SdkMethod {
  const name = defaultNameOf(path);
  const traced = (...args: unknown[]): unknown => {
    switch (spec.mode) {
      case "call":
        if (spec.capture === undefined) return method.apply(owner, args);
        return runTracedCall(method, owner, args, { name, capture: spec.capture, acceptsStreamOptions: path === "chat.completions.create" || path === "completions.create" }, options);
      case "helper":
        return runStreamHelper(method, owner, args, name, options, wrap);
      case "runner":
        return runToolsRunner(method, owner, args, name, options, wrap);
      case "client":
        return wrapReturnedClient(method.apply(owner, args), options, wrap);
    }
  };
  Object.defineProperty(traced, "name", { value: method.name });
  return traced;
}

function wrapReturnedClient(client: unknown, options: ResolvedOpenAIOptions, wrap: ClientWrapper): unknown {
  try {
    return typeof client === "object" && client !== null ? wrap(client, options) : client;
  } catch (error) {
    reportInternal(options, "withOptions", error);
    return client;
  }
}

function bindIfFunction(value: unknown, owner: object): unknown {
  return typeof value === "function" ? (value as SdkMethod).bind(owner) : value;
}

function join(path: string, property: string): string {
  return path === "" ? property : `${path}.${property}`;
}

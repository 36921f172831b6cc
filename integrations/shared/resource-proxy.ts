/** A method of an SDK, called with its resource as `this`. */
export type SdkMethod = (this: object, ...args: unknown[]) => unknown;

/** Which paths of a client a wrapper traces, and how. */
export interface ProxyPlan {
  /** Whether the object at `path` (`chat`, `messages.batches`, …) leads to a traced method. */
  readonly isResource: (path: string) => boolean;
  /** The traced version of the method at `path`, or undefined to bind it to its owner unchanged. */
  traceMethod(method: SdkMethod, owner: object, path: string): SdkMethod | undefined;
}

/** The real object behind each proxy made here (to unwrap before re-wrapping). */
const targets = new WeakMap<object, object>();

/** The object behind `value` if it is one of these proxies, else `value` itself. */
export function unwrapProxy<T extends object>(value: T): T {
  return (targets.get(value) as T | undefined) ?? value;
}

/**
 * Proxies an SDK client (or one of its resources, at `path`). Property reads go to the real object
 * (getters and private `#fields` work); resources on the way to a traced method are proxied in turn,
 * traced methods are replaced, and every other function is bound to its real object. Values that lead
 * to no traced method are returned as they are, so pagination and everything else behave exactly as
 * without the wrapper. Proxies and bound functions are cached, so `client.chat === client.chat` holds.
 */
export function proxyResources<T extends object>(target: T, path: string, plan: ProxyPlan): T {
  const cache = new Map<PropertyKey, { source: unknown; value: unknown }>();
  const proxy = new Proxy(target, {
    get(real, property) {
      const value: unknown = Reflect.get(real, property, real);
      if (typeof value !== "function" && (typeof value !== "object" || value === null)) return value;
      const cached = cache.get(property);
      if (cached !== undefined && cached.source === value) return cached.value;
      const result = typeof property === "string" ? decorate(real, value, join(path, property), plan) : bindIfFunction(value, real);
      cache.set(property, { source: value, value: result });
      return result;
    },
  });
  targets.set(proxy, target);
  return proxy;
}

function decorate(owner: object, value: object, path: string, plan: ProxyPlan): unknown {
  if (typeof value === "function") {
    const traced = plan.traceMethod(value as SdkMethod, owner, path);
    if (traced === undefined) return bindIfFunction(value, owner);
    Object.defineProperty(traced, "name", { value: value.name });
    return traced;
  }
  return plan.isResource(path) ? proxyResources(value, path, plan) : value;
}

function bindIfFunction(value: unknown, owner: object): unknown {
  return typeof value === "function" ? (value as SdkMethod).bind(owner) : value;
}

function join(path: string, property: string): string {
  return path === "" ? property : `${path}.${property}`;
}

/** A wrapper's table of traced methods by path from the client, and the lookups a proxy needs. */
export interface MethodTable<Spec> {
  /** The spec of the method at `path`, if it is registered. */
  readonly specAt: (path: string) => Spec | undefined;
  /** Whether the object at `path` leads to a registered method (and so must be proxied). */
  readonly isResource: (path: string) => boolean;
}

/** Makes the lookups of a table of traced methods (`{ "chat.completions.create": spec, … }`). */
export function methodTable<Spec>(methods: Readonly<Record<string, Spec>>): MethodTable<Spec> {
  // The resources on the way to each method: `chat` and `chat.completions` for `chat.completions.create`.
  const resources = new Set(
    Object.keys(methods).flatMap((path) => {
      const parts = path.split(".");
      return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join("."));
    }),
  );
  return {
    specAt: (path) => (Object.prototype.hasOwnProperty.call(methods, path) ? methods[path] : undefined),
    isResource: (path) => resources.has(path),
  };
}

import type { ObserveOptions } from "./observe-options";
import { methodName, toSpec } from "./observed-spec";
import { isObserved, wrapFunction } from "./wrap-function";

/* eslint-disable @typescript-eslint/no-explicit-any -- decorator signatures must accept any method and class shape */

/**
 * What `observe(options)` returns: a decorator that works as a TC39 method or class decorator and as
 * a legacy (`experimentalDecorators`) method or class decorator.
 */
export interface ObserveDecorator {
  /** TC39 method decorator. */
  <T extends (this: any, ...args: any[]) => any>(value: T, context: ClassMethodDecoratorContext<any, T>): T;
  /** TC39 class decorator: every method is traced as `ClassName.method`. */
  <C extends abstract new (...args: any[]) => any>(value: C, context: ClassDecoratorContext<C>): void;
  /** Legacy method decorator. */
  <T>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<T>): TypedPropertyDescriptor<T> | void;
  /** Legacy class decorator. */
  <C extends abstract new (...args: any[]) => any>(target: C): void;
}

/* eslint-enable @typescript-eslint/no-explicit-any */

type AnyFn = (...args: never[]) => unknown;

/** Builds the decorator for `options`. */
export function createDecorator(options: ObserveOptions<never, never>): ObserveDecorator {
  return function observeDecorator(target: unknown, key?: unknown, descriptor?: PropertyDescriptor): unknown {
    if (isDecoratorContext(key)) {
      if (key.kind === "method") return wrapFunction(target as AnyFn, toSpec(options, methodName(key.name as string | symbol)));
      if (key.kind === "class") observeClass(target as abstract new () => unknown, options);
      return undefined;
    }
    if (descriptor !== undefined && typeof descriptor.value === "function" && (typeof key === "string" || typeof key === "symbol")) {
      const owner = typeof target === "function" ? (target as { name: string }).name : (target as { constructor: { name: string } }).constructor.name;
      const name = options.name ?? `${owner}.${String(key)}`;
      return { ...descriptor, value: wrapFunction(descriptor.value as AnyFn, toSpec(options, name)) };
    }
    if (typeof target === "function" && key === undefined) observeClass(target as abstract new () => unknown, options);
    return undefined;
  } as ObserveDecorator;
}

interface DecoratorContextLike {
  readonly kind: string;
  readonly name?: string | symbol;
}

/** True for a TC39 decorator context object. */
export function isDecoratorContext(value: unknown): value is DecoratorContextLike {
  try {
    return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string" && "name" in value;
  } catch {
    // Options given as a hostile object (a Proxy whose traps throw) are not a decorator context.
    return false;
  }
}

/**
 * Traces every method of a class (prototype and static) as `ClassName.method`, skipping the
 * constructor, accessors and methods already observed by a method decorator.
 */
export function observeClass(cls: abstract new () => unknown, options: ObserveOptions<never, never>): void {
  const className = cls.name;
  for (const owner of [cls.prototype as object, cls as object]) {
    for (const key of Reflect.ownKeys(owner)) {
      if (key === "constructor" || key === "prototype") continue;
      const descriptor = Object.getOwnPropertyDescriptor(owner, key);
      if (descriptor === undefined || typeof descriptor.value !== "function" || isObserved(descriptor.value)) continue;
      const name = options.name === undefined ? `${className}.${String(key)}` : `${options.name}.${String(key)}`;
      const { name: _ignored, ...rest } = options;
      Object.defineProperty(owner, key, { ...descriptor, value: wrapFunction(descriptor.value as AnyFn, toSpec(rest, name)) });
    }
  }
}

import { describe, expectTypeOf, it } from "vitest";
import { observe, type ObserveDecorator, type ObservationHandle, Tracewise, type TraceHandle } from "tracewise";

describe("public types", () => {
  it("observe(fn) returns the same function type", () => {
    const fn = observe(async (q: string, n: number) => ({ q, n }));
    expectTypeOf(fn).toEqualTypeOf<(q: string, n: number) => Promise<{ q: string; n: number }>>();
    const gen = observe(function* g(): Generator<number, string> {
      yield 1;
      return "x";
    });
    expectTypeOf(gen).returns.toEqualTypeOf<Generator<number, string>>();
  });

  it("observe(options) is a decorator and transforms are typed by the function", () => {
    expectTypeOf(observe({ name: "x" })).toEqualTypeOf<ObserveDecorator>();
    observe((a: string, b: number) => a.length + b, {
      input: (args) => {
        expectTypeOf(args).toEqualTypeOf<[a: string, b: number]>();
        return args[0];
      },
      output: (result) => {
        expectTypeOf(result).toEqualTypeOf<number>();
        return result;
      },
    });
  });

  it("the low-level API returns handles", () => {
    const tw = new Tracewise({ global: false, exporter: [] });
    expectTypeOf(tw.trace({ name: "t" })).toEqualTypeOf<TraceHandle>();
    expectTypeOf(tw.trace().span({ name: "s" })).toEqualTypeOf<ObservationHandle>();
    // @ts-expect-error sampleRate must be a number
    new Tracewise({ sampleRate: "0.5" });
  });
});

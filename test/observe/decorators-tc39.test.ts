import { beforeEach, describe, expect, it } from "vitest";
import { observe } from "tracewise";
import { memoryClient } from "../helpers/memory-client";

let env = memoryClient();
beforeEach(() => {
  env = memoryClient();
});

describe("TC39 decorators (esbuild transform)", () => {
  it("names methods ClassName.method and keeps `this` with private fields", async () => {
    class Agent {
      #secret = 41;
      @observe()
      async run(): Promise<number> {
        return this.#secret + 1;
      }
      @observe()
      static create(): string {
        return "made";
      }
    }
    expect(await new Agent().run()).toBe(42);
    expect(Agent.create()).toBe("made");
    const names = env.mem.getFinishedObservations().map((o) => o.name);
    expect(names).toEqual(["Agent.run", "Agent.create"]);
  });

  it("a subclass instance reports its own class name", () => {
    class Base {
      @observe()
      hello(): string {
        return "hi";
      }
    }
    class Child extends Base {}
    new Child().hello();
    expect(env.mem.getFinishedObservations()[0]?.name).toBe("Child.hello");
  });

  it("class decorator traces every method once, even ones that also have a method decorator", () => {
    @observe()
    class Tools {
      add(a: number, b: number): number {
        return a + b;
      }
      @observe({ name: "custom-mul" })
      mul(a: number, b: number): number {
        return a * b;
      }
      get value(): number {
        return 1;
      }
    }
    const tools = new Tools();
    expect(tools.add(1, 2)).toBe(3);
    expect(tools.mul(2, 3)).toBe(6);
    expect(tools.value).toBe(1);
    expect(env.mem.getFinishedObservations().map((o) => o.name)).toEqual(["Tools.add", "custom-mul"]);
  });
});

import OpenAI from "openai";
import { observe } from "tracewise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryClient } from "../helpers/memory-client";
import { startOpenAIServer, type OpenAIServer } from "../helpers/openai-server";

/** What an observed function's non-Promise thenable is recorded as (documented on `observe`). */
const THENABLE_OUTPUT = "[Thenable: not awaited by Tracewise]";

/**
 * A lazy thenable like a Knex or Mongoose query builder: every `then()` executes the query again.
 * Chaining methods return the builder itself.
 */
class LazyInsert {
  executions = 0;
  private table = "";

  into(table: string): this {
    this.table = table;
    return this;
  }

  then<R1 = string, R2 = never>(onOk?: ((value: string) => R1 | PromiseLike<R1>) | null, onError?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    this.executions += 1;
    return Promise.resolve(`inserted into ${this.table}`).then(onOk, onError);
  }
}

describe("completion tracking never runs a value the caller will consume", () => {
  it("a lazy thenable returned by an observed function executes exactly as often as without Tracewise", async () => {
    const { tw, mem } = memoryClient({ global: false });
    const insert = () => new LazyInsert().into("orders");
    const bare = insert();
    await bare;
    const observedInsert = observe(insert, { client: tw, name: "insert" });
    const builder = observedInsert();
    expect(await builder).toBe("inserted into orders");
    expect(bare.executions).toBe(1);
    expect(builder.executions).toBe(1);
    const [observation] = mem.getFinishedObservations();
    expect(observation).toMatchObject({ name: "insert", output: THENABLE_OUTPUT, level: "DEFAULT" });
  });

  it("returns the thenable itself, with its prototype and methods, and runs it zero times when the caller never awaits it", () => {
    const { tw, mem } = memoryClient({ global: false });
    let made: LazyInsert | undefined;
    const build = observe(() => (made = new LazyInsert()), { client: tw });
    const returned = build();
    expect(returned).toBe(made);
    expect(returned).toBeInstanceOf(LazyInsert);
    expect(returned.into("users")).toBe(returned);
    expect(returned.executions).toBe(0);
    expect(mem.getFinishedObservations()).toHaveLength(1);
  });

  it("does not run a lazy thenable behind a Proxy that claims to be a Promise", () => {
    const { tw, mem } = memoryClient({ global: false });
    const lazy = new LazyInsert().into("orders");
    const liar = new Proxy(lazy, { getPrototypeOf: () => Promise.prototype });
    expect(observe(() => liar, { client: tw, name: "liar" })()).toBe(liar);
    expect(lazy.executions).toBe(0);
    expect(mem.getFinishedObservations().map((o) => o.name)).toEqual(["liar"]);
  });

  it("keeps the observation when the returned value's then getter throws", () => {
    const { tw, mem } = memoryClient({ global: false });
    const hostile = Object.defineProperty({ id: 7 }, "then", {
      enumerable: false,
      get() {
        throw new Error("then getter exploded");
      },
    });
    const returned = observe(() => hostile, { client: tw, name: "hostile-then" })();
    expect(returned).toBe(hostile);
    const [observation] = mem.getFinishedObservations();
    expect(observation).toMatchObject({ name: "hostile-then", output: { id: 7 } });
    expect(tw.stats()["errors.internal"]).toBeUndefined();
  });

  it("keeps the observation when the returned value is a Proxy whose every trap throws", () => {
    const { tw, mem } = memoryClient({ global: false });
    const boom = () => {
      throw new Error("trap");
    };
    const proxy = new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom });
    expect(observe(() => proxy, { client: tw, name: "proxy" })()).toBe(proxy);
    expect(mem.getFinishedObservations().map((o) => o.name)).toEqual(["proxy"]);
  });

  it("still ends at settlement for a Promise subclass with extra methods, returned as is", async () => {
    const { tw, mem } = memoryClient({ global: false });
    class ApiPromise<T> extends Promise<T> {
      withResponse(): Promise<{ data: T; status: number }> {
        return this.then((data) => ({ data, status: 200 }));
      }
    }
    let made: ApiPromise<string> | undefined;
    const call = observe(() => (made = new ApiPromise<string>((resolve) => setTimeout(() => resolve("done"), 5))), { client: tw, name: "api" });
    const returned = call();
    expect(returned).toBe(made);
    expect(mem.getFinishedObservations()).toHaveLength(0);
    expect(await returned.withResponse()).toEqual({ data: "done", status: 200 });
    expect(mem.getFinishedObservations()[0]).toMatchObject({ name: "api", output: "done" });
  });
});

describe("with the real OpenAI SDK", () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer();
  });
  afterAll(() => server.close());

  it("an observed call returning an APIPromise keeps .withResponse(), sends one request and records the completion", async () => {
    const { tw, mem } = memoryClient({ global: false });
    const openai = new OpenAI({ apiKey: "test", baseURL: server.baseURL });
    const ask = observe(() => openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }), { client: tw, name: "ask" });
    const before = server.requests.length;
    const { data, response } = await ask().withResponse();
    expect(response.status).toBe(200);
    expect(data.choices[0]?.message.content).toBeTypeOf("string");
    expect(server.requests.length - before).toBe(1);
    await tw.flush();
    const [observation] = mem.getFinishedObservations();
    expect(observation?.name).toBe("ask");
    expect((observation?.output as { id?: unknown } | undefined)?.id).toBe(data.id);
  });
});

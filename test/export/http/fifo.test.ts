import { describe, expect, it } from "vitest";
import { Fifo } from "../../../src/export/http/fifo";

describe("Fifo", () => {
  it("keeps first-in-first-out order across compactions of a long, interleaved stream", () => {
    const fifo = new Fifo<number>();
    let next = 0;
    let expected = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 300; i++) fifo.push(next++);
      for (let i = 0; i < 250; i++) expect(fifo.shift()).toBe(expected++);
    }
    expect(fifo.length).toBe(next - expected);
    expect(fifo.peek()).toBe(expected);
    while (fifo.length > 0) expect(fifo.shift()).toBe(expected++);
    expect(expected).toBe(next);
    expect(fifo.shift()).toBeUndefined();
  });

  it("clear() empties it and says how many values it held", () => {
    const fifo = new Fifo<string>();
    fifo.push("a");
    fifo.push("b");
    fifo.shift();
    expect(fifo.clear()).toBe(1);
    expect(fifo.length).toBe(0);
    expect(fifo.peek()).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { WriteQueue } from "./write-queue.js";

describe("WriteQueue", () => {
  it("runs writes one at a time in call order, also after one fails", async () => {
    const queue = new WriteQueue();
    const log: string[] = [];
    const write = (name: string, fail = false) =>
      queue.enqueue(async () => {
        log.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([write("a"), write("b", true), write("c")]);
    await queue.idle();
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(results[2]).toEqual({ status: "fulfilled", value: "c" });
  });

  it("idle() waits for every queued write and never rejects", async () => {
    const queue = new WriteQueue();
    let done = false;
    const failing = queue.enqueue(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      done = true;
      throw new Error("boom");
    });
    const rejected = expect(failing).rejects.toThrow("boom");
    await expect(queue.idle()).resolves.toBeUndefined();
    expect(done).toBe(true);
    await rejected;
  });
});

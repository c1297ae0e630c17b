import { lastValueFrom, Subject, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { batchDocuments } from "./batch-documents.js";

describe("batchDocuments", () => {
  it("emits full batches at once and the rest on completion", async () => {
    const input = new Subject<number>();
    const out: number[][] = [];
    const done = lastValueFrom(input.pipe(batchDocuments({ maxSize: 3, maxWaitMs: 10_000 }), toArray()));
    input.pipe(batchDocuments({ maxSize: 3, maxWaitMs: 10_000 })).subscribe((b) => out.push(b));
    for (let i = 0; i < 7; i++) input.next(i);
    expect(out).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    input.complete();
    expect(await done).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it("emits a partial batch once its first item has waited maxWaitMs", async () => {
    const input = new Subject<number>();
    const out: number[][] = [];
    input.pipe(batchDocuments({ maxSize: 100, maxWaitMs: 20 })).subscribe((b) => out.push(b));
    input.next(1);
    input.next(2);
    expect(out).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(out).toEqual([[1, 2]]);
    input.next(3);
    input.complete();
    expect(out).toEqual([[1, 2], [3]]);
  });

  it("rejects bounds that cannot work", () => {
    expect(() => batchDocuments({ maxSize: 0, maxWaitMs: 1 })).toThrow(/maxSize/);
    expect(() => batchDocuments({ maxSize: 1, maxWaitMs: -1 })).toThrow(/maxWaitMs/);
  });
});

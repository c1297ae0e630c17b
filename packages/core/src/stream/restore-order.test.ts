import { from, lastValueFrom, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { restoreOrder } from "./restore-order.js";

describe("restoreOrder", () => {
  it("re-emits items by index, holding early arrivals", async () => {
    const shuffled = [3, 1, 0, 2, 5, 4].map((index) => ({ index }));
    const out = await lastValueFrom(from(shuffled).pipe(restoreOrder(), toArray()));
    expect(out.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("emits held items in order at completion even with a gap", async () => {
    const out = await lastValueFrom(from([{ index: 2 }, { index: 4 }]).pipe(restoreOrder(), toArray()));
    expect(out.map((x) => x.index)).toEqual([2, 4]);
  });
});

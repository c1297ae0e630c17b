import { describe, expect, it } from "vitest";
import { poolingMatrix } from "./pooling-matrix.js";

describe("poolingMatrix", () => {
  // 2 rows x 4 tokens; one target per row.
  const targets = [
    { row: 0, tokenStart: 1, tokenEnd: 3, label: 0 },
    { row: 1, tokenStart: 0, tokenEnd: 4, label: 1 },
  ];

  it("token: picks each target's first piece", () => {
    expect(Array.from(poolingMatrix("token", targets, 2, 4))).toEqual([
      0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    ]);
  });

  it("mention and sequence: average the target's pieces in its row", () => {
    for (const kind of ["mention", "sequence"] as const) {
      expect(Array.from(poolingMatrix(kind, targets, 2, 4))).toEqual([
        0, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.25, 0.25, 0.25, 0.25,
      ]);
    }
  });

  it("leaves a target beyond the sequence empty instead of failing", () => {
    const pool = poolingMatrix("mention", [{ row: 0, tokenStart: 5, tokenEnd: 7, label: 0 }], 1, 4);
    expect(Array.from(pool)).toEqual([0, 0, 0, 0]);
  });
});

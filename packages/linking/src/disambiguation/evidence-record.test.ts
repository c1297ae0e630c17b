import { describe, expect, it } from "vitest";
import { evidenceRecordBuilder } from "./evidence-record.js";

describe("evidenceRecordBuilder", () => {
  it("holds exactly the kinds of evidence computed, each with its own value", () => {
    for (const context of [false, true])
      for (const coherence of [false, true])
        for (const encoder of [false, true]) {
          const record = evidenceRecordBuilder({ context, coherence, encoder })(0.9, 0.6, 1, 2, 3, 4);
          const expected: Record<string, number> = { probability: 0.9, priorProbability: 0.6, prior: 1 };
          if (context) expected.context = 2;
          if (coherence) expected.coherence = 3;
          if (encoder) expected.encoder = 4;
          expect(record).toEqual(expected);
          expect(Object.keys(record)).toEqual(Object.keys(expected));
        }
  });
});

import type { GraphBuilder } from "@knowfuse/core";

/** Splits the last axis of `x` (width `dim`) into its real and imaginary halves. */
export function complexHalves(g: GraphBuilder, x: string, dim: number): [string, string] {
  const [re, im] = g.node("Split", [x, g.ints([dim / 2, dim / 2])], { axis: -1 }, { outputs: 2 });
  return [re!, im!];
}

/** Joins real and imaginary halves back along the last axis. */
export function joinHalves(g: GraphBuilder, re: string, im: string): string {
  return g.op("Concat", [re, im], { axis: -1 });
}

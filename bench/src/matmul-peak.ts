import { createSession, floatTensor, GraphBuilder, type ort } from "@knowfuse/core";

/** Options of {@link matmulPeak}. */
export interface MatmulPeakOptions {
  /** Matrix size n of the n×n by n×n product (default 1024). */
  size?: number;
  /** Timed repetitions (default 7); the median is reported. */
  repetitions?: number;
  /** onnxruntime intra-op threads (default: all cores). */
  threads?: number;
}

/** One compiled n×n MatMul: `seconds()` times one run. */
export interface MatmulProbe {
  readonly size: number;
  /** Seconds of one run (after a warm-up run at creation). */
  seconds(): Promise<number>;
  /**
   * The fastest of `runs` back-to-back runs: a sample that does not depend on
   * whether onnxruntime's thread pool was asleep (e.g. after another session's
   * work), which a single run interleaved with other work does.
   */
  burstSeconds(runs?: number): Promise<number>;
  /** GFLOP/s of a run that took `seconds`. */
  gflops(seconds: number): number;
  release(): Promise<void>;
}

/**
 * Compiles the reference n×n·n×n float32 MatMul graph (built with GraphBuilder)
 * on onnxruntime-node, for benchmarks that interleave it with their own
 * measurements (so that both see the same machine load).
 */
export async function createMatmulProbe(
  options: Omit<MatmulPeakOptions, "repetitions"> = {},
): Promise<MatmulProbe> {
  const n = options.size ?? 1024;
  const g = new GraphBuilder("matmul-peak");
  const a = g.input("a", "float", [n, n]);
  const b = g.input("b", "float", [n, n]);
  g.output(g.op("MatMul", [a, b]), "float", [n, n], "c");
  const session: ort.InferenceSession = await createSession(
    g.toBytes(),
    options.threads !== undefined ? { threads: options.threads } : {},
  );
  const A = new Float32Array(n * n).map((_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const feeds = { a: floatTensor(A, [n, n]), b: floatTensor(A, [n, n]) };
  const C = floatTensor(new Float32Array(n * n), [n, n]);
  await session.run(feeds, { c: C }); // warm-up
  const seconds = async () => {
    const t0 = performance.now();
    await session.run(feeds, { c: C });
    return (performance.now() - t0) / 1000;
  };
  return {
    size: n,
    seconds,
    async burstSeconds(runs = 5) {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < runs; i++) best = Math.min(best, await seconds());
      return best;
    },
    gflops: (seconds) => (2 * n * n * n) / seconds / 1e9,
    release: () => session.release(),
  };
}

/**
 * The same-process reference for "achieved GFLOP/s": the median speed of an
 * n×n·n×n float32 MatMul graph on onnxruntime-node. Shared by the benchmarks
 * that compare against it (kge, encoder).
 */
export async function matmulPeak(
  options: MatmulPeakOptions = {},
): Promise<{ gflops: number; seconds: number; size: number }> {
  const probe = await createMatmulProbe(options);
  const times: number[] = [];
  for (let i = 0; i < (options.repetitions ?? 7); i++) times.push(await probe.seconds());
  await probe.release();
  const seconds = median(times);
  return { gflops: probe.gflops(seconds), seconds, size: probe.size };
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

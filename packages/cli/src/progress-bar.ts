import type { ProgressEvent, ProgressListener } from "@knowfuse/core";

function formatMetrics(metrics: Record<string, number> | undefined): string {
  if (!metrics) return "";
  return Object.entries(metrics)
    .map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toPrecision(4)}`)
    .join(" ");
}

/**
 * A progress listener that draws a one-line bar on a TTY stderr (redrawn in
 * place) and plain lines, at most one every few seconds, when stderr is not a TTY.
 */
export function progressBar(
  stream: NodeJS.WriteStream = process.stderr,
): ProgressListener & { done(): void } {
  const tty = Boolean(stream.isTTY);
  let lastPlain = 0;
  let drawn = false;
  const draw = (e: ProgressEvent) => {
    const rate = e.elapsed > 0 ? e.done / e.elapsed : 0;
    const head = `${e.job}${e.phase ? ` [${e.phase}]` : ""}`;
    const count = e.total ? `${e.done}/${e.total} ${e.unit}` : `${e.done} ${e.unit}`;
    const tail = `${rate.toFixed(rate < 10 ? 1 : 0)} ${e.unit}/s ${e.elapsed.toFixed(1)}s ${formatMetrics(e.metrics)}`;
    if (tty) {
      const width = 24;
      const frac = e.total ? Math.min(1, e.done / e.total) : 0;
      const bar = e.total ? `[${"#".repeat(Math.round(frac * width)).padEnd(width, ".")}] ` : "";
      stream.write(`\r\x1b[2K${head} ${bar}${count} ${tail}`);
      drawn = true;
    } else if (e.elapsed - lastPlain >= 5 || (e.total !== undefined && e.done >= e.total)) {
      lastPlain = e.elapsed;
      stream.write(`${head} ${count} ${tail}\n`);
    }
  };
  return Object.assign(draw, {
    done() {
      if (tty && drawn) stream.write("\n");
      drawn = false;
    },
  });
}

import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** One line of a text file with its 1-based line number. */
export interface NumberedLine {
  line: number;
  text: string;
}

/**
 * Streams a text file line by line in constant memory, with line numbers.
 * `path` may be "-" for standard input.
 */
export async function* readLines(path: string): AsyncGenerator<NumberedLine> {
  const input = path === "-" ? process.stdin : createReadStream(path, { encoding: "utf8" });
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of rl) {
      line += 1;
      yield { line, text };
    }
  } finally {
    rl.close();
    if (input !== process.stdin) (input as ReturnType<typeof createReadStream>).destroy();
  }
}

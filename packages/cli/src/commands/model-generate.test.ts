import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { isKnowfuseError } from "@knowfuse/core";
import { loadEncoder } from "@knowfuse/fusion";
import { afterAll, describe, expect, it } from "vitest";
import { modelGenerateCommand } from "./model-generate.js";

const scratch = mkdtempSync(join(tmpdir(), "knowfuse-cli-model-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(
  values: Record<string, string | boolean>,
): Promise<{ code: number; out: Record<string, unknown> }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on("data", (c: Buffer) => chunks.push(c));
  const code = await modelGenerateCommand.run({ values, positionals: [], stdout, stderr: new PassThrough() });
  return { code, out: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> };
}

describe("knowfuse model generate", () => {
  it("writes a loadable model once and skips it when it is current", async () => {
    const out = join(scratch, "roberta");
    const first = await run({ architecture: "roberta", layers: "1", out });
    expect(first.code).toBe(0);
    expect(first.out.generated).toBe(true);
    expect(existsSync(join(out, "onnx", "model.onnx"))).toBe(true);
    const again = await run({ architecture: "roberta", layers: "1", out });
    expect(again.out).toMatchObject({ generated: false, optionsHash: first.out.optionsHash });
    const encoder = await loadEncoder(out, { threads: 1 });
    expect(encoder.inputNames).toEqual(["input_ids", "attention_mask"]);
    await encoder.close();
  });

  it("rejects a non-integer or out-of-range flag with a typed error naming it", async () => {
    const a = await run({ layers: "two", out: join(scratch, "x") }).catch((e: unknown) => e);
    expect(isKnowfuseError(a, "INVALID_CONFIG")).toBe(true);
    expect(String(a)).toMatch(/--layers/);
    const b = await run({ size: "huge", out: join(scratch, "x") }).catch((e: unknown) => e);
    expect(isKnowfuseError(b, "INVALID_CONFIG")).toBe(true);
    expect(String(b)).toMatch(/size/);
  });
});

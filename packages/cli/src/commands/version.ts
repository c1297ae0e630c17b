import { readFileSync } from "node:fs";
import { defineCommand } from "../command.js";

/** `knowfuse version`: prints the CLI version and the runtime versions it uses. */
export const versionCommand = defineCommand({
  path: ["version"],
  summary: "print the knowfuse, Node and onnxruntime versions",
  usage: "version",
  options: {},
  async run({ stdout }) {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    const { ort } = await import("@knowfuse/core");
    stdout.write(
      `${JSON.stringify({ knowfuse: pkg.version, node: process.versions.node, onnxruntime: ort.env.versions.node })}\n`,
    );
    return 0;
  },
});

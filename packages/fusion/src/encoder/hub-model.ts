import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { cachePath, ModelLoadError } from "@knowfuse/core";
import { MODEL_DIRECTORY_FILES } from "./model-directory.js";

/** Where and how to fetch a model from the Hugging Face hub. */
export interface HubOptions {
  /** Hub address (default `HF_ENDPOINT` or https://huggingface.co). */
  endpoint?: string;
  /** How long to wait for each file's response headers before giving up (default 10 s). */
  timeoutMs?: number;
  /** Revision (default "main"). */
  revision?: string;
}

/** True when `source` reads as a hub id (`name` or `owner/name`) rather than a path. */
export function looksLikeHubId(source: string): boolean {
  return /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/.test(source) && !source.startsWith(".");
}

/**
 * Returns a local directory holding the hub model `id` (config.json,
 * tokenizer.json, tokenizer_config.json, onnx/model.onnx), fetching it into
 * `cachePath("hub", id)` the first time. Offline, it fails within
 * `timeoutMs` with a {@link ModelLoadError} of code `HUB_UNREACHABLE`.
 */
export async function fetchHubModel(id: string, options: HubOptions = {}): Promise<string> {
  const directory = cachePath("hub", ...id.split("/"));
  if (MODEL_DIRECTORY_FILES.every((f) => existsSync(join(directory, f)))) return directory;
  const endpoint = (options.endpoint ?? process.env.HF_ENDPOINT ?? "https://huggingface.co").replace(
    /\/$/,
    "",
  );
  const timeoutMs = options.timeoutMs ?? 10_000;
  const temporary = `${directory}.tmp-${process.pid}-${Date.now()}`;
  try {
    for (const file of MODEL_DIRECTORY_FILES) {
      const url = `${endpoint}/${id}/resolve/${options.revision ?? "main"}/${file}`;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let response: Response;
      try {
        response = await fetch(url, { signal: controller.signal });
      } catch (cause) {
        throw new ModelLoadError(
          `cannot reach the model hub at ${endpoint} for "${id}" within ${timeoutMs} ms (offline?); pass a local model directory instead`,
          { code: "HUB_UNREACHABLE", cause, details: { id, url, timeoutMs } },
        );
      } finally {
        clearTimeout(timer);
      }
      if (!response.ok || !response.body) {
        throw new ModelLoadError(`hub model "${id}" has no ${file} (HTTP ${response.status} from ${url})`, {
          details: { id, url, status: response.status },
        });
      }
      const target = join(temporary, file);
      mkdirSync(dirname(target), { recursive: true });
      await pipeline(Readable.fromWeb(response.body as never), createWriteStream(target));
    }
    mkdirSync(dirname(directory), { recursive: true });
    rmSync(directory, { recursive: true, force: true });
    renameSync(temporary, directory);
    return directory;
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

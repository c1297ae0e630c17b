/**
 * @packageDocumentation
 * The shared vocabulary of knowfuse: the document model and its zod schemas,
 * typed errors, the registry of pluggable parts, the interfaces every stage
 * implements, progress events and line-oriented input helpers.
 */
export * from "./errors/index.js";
export * from "./interfaces/index.js";
export { cachePath, datasetPath, workspaceRoot } from "./io/paths.js";
export { type NumberedLine, readLines } from "./io/read-lines.js";
export * from "./model/index.js";
export * from "./onnx/index.js";
export { type ProgressEvent, type ProgressListener, ProgressReporter } from "./progress/progress.js";
export { parseWith } from "./registry/parse-with.js";
export { Registry, type RegistryEntry } from "./registry/registry.js";
export { normalizeSurface } from "./text/normalize-surface.js";
export * from "./training/index.js";

import { ValidationError } from "@knowfuse/core";
import { evaluateLinkPrediction, type IndexedTriples, loadKgeModel, readTripleFile } from "@knowfuse/kg";
import { defineCommand } from "../command.js";
import { progressBar } from "../progress-bar.js";
import { numberFlag, stringFlag } from "./kg-shared.js";

/**
 * `knowfuse kg eval-embeddings`: filtered link prediction (head and tail,
 * realistic ties) of a saved embedding model on a triple file. Prints one JSON
 * line per relation with `--per-relation`, and always ends with one JSON line:
 * `{"task":"link-prediction","n":...,"mrr":...,"hits1":...,"hits3":...,"hits10":...}`.
 */
export const kgEvalEmbeddingsCommand = defineCommand({
  path: ["kg", "eval-embeddings"],
  summary: "filtered link-prediction MRR and Hits@1/3/10 of a saved embedding model",
  usage:
    "kg eval-embeddings --model-file <file> --test <file> [--filter <file,file,...>] [--per-relation] [--dim n]",
  options: {
    "model-file": { type: "string" },
    test: { type: "string" },
    filter: { type: "string" },
    "per-relation": { type: "boolean" },
    dim: { type: "string" },
    "batch-size": { type: "string" },
    threads: { type: "string" },
  },
  optionHelp: {
    "model-file": "a model written by kg train-embeddings --out",
    test: "triples to rank (head<TAB>relation<TAB>tail); triples naming unknown entities are counted, not ranked",
    filter: "comma-separated triple files of known facts to filter out (e.g. train and valid)",
    "per-relation": "also print one JSON line per relation",
    dim: "fail with a dimension mismatch unless the model has this dimension",
    "batch-size": "queries scored per ONNX run (default 512)",
    threads: "onnxruntime threads (default: all cores)",
  },
  async run(context) {
    const v = context.values;
    const modelFile = stringFlag(v, "model-file");
    const testFile = stringFlag(v, "test");
    if (!modelFile || !testFile) {
      const missing = !modelFile ? "--model-file" : "--test";
      throw new ValidationError(`kg eval-embeddings: ${missing} is required`, [
        { path: [missing], message: "required" },
      ]);
    }
    const dim = numberFlag(v, "dim", Number.NaN, true);
    const embeddings = await loadKgeModel(modelFile, Number.isNaN(dim) ? {} : { expectedDim: dim });
    const test = await readTripleFile(testFile, embeddings.vocab, false);
    const filter: IndexedTriples[] = [];
    let filterUnknown = 0;
    for (const file of (stringFlag(v, "filter") ?? "").split(",").filter((f) => f !== "")) {
      const read = await readTripleFile(file, embeddings.vocab, false);
      filter.push(read.triples);
      filterUnknown += read.unknown.count;
    }
    if (test.unknown.count > 0) {
      context.stderr.write(
        `${testFile}: ${test.unknown.count} triple(s) name an entity or relation the model does not know (e.g. line ${test.unknown.examples[0]?.line}); counted as unknown, not ranked\n`,
      );
    }
    const bar = progressBar(context.stderr as NodeJS.WriteStream);
    const threads = numberFlag(v, "threads", Number.NaN, true);
    const result = await evaluateLinkPrediction(embeddings, test.triples, {
      filter,
      batchSize: numberFlag(v, "batch-size", 512, true),
      ...(Number.isNaN(threads) ? {} : { threads }),
      onProgress: bar,
    }).finally(() => bar.done());
    if (v["per-relation"]) {
      for (const [relation, m] of Object.entries(result.perRelation)) {
        context.stdout.write(`${JSON.stringify({ task: "link-prediction", relation, ...m })}\n`);
      }
    }
    context.stdout.write(
      `${JSON.stringify({
        task: "link-prediction",
        model: embeddings.model.name,
        n: result.n,
        queries: result.queries,
        mrr: result.mrr,
        hits1: result.hits1,
        hits3: result.hits3,
        hits10: result.hits10,
        tailMrr: result.tail.mrr,
        headMrr: result.head.mrr,
        unknown: test.unknown.count,
        filterUnknown,
      })}\n`,
    );
    return 0;
  },
});

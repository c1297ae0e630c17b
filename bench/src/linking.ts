import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { cachePath, type Document, datasetPath } from "@knowfuse/core";
import { createWordnetImporter, openSqliteKnowledgeGraph } from "@knowfuse/kg";
import {
  Analyzer,
  GraphLinker,
  type GraphLinkerOptionsInput,
  KnowledgeSnapshot,
  readWsdCorpus,
} from "@knowfuse/linking";
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { countOption } from "./count-option.js";
import { median } from "./matmul-peak.js";

function emit(metric: string, value: number, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench: "linking", metric, value, ...extra })}\n`);
}

/** The WSD framework texts (senseval2 + semeval2015) as plain running text, one document per `<text>`. */
function wsdDocuments(): Document[] {
  const docs: Document[] = [];
  for (const name of ["senseval2", "semeval2015"]) {
    for (const t of readWsdCorpus(datasetPath("wsd", `${name}.data.xml`))) {
      const text = t.sentences.map((s) => s.words.map((w) => w.text).join(" ")).join("\n");
      docs.push({ id: `${name}/${t.id}`, text });
    }
  }
  return docs;
}

/** A SQLite store with full WordNet 3.1, imported once into the cache when absent. */
export async function wordnetStore(path: string) {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    const kg = await openSqliteKnowledgeGraph({ path: tmp });
    await createWordnetImporter().run(kg);
    await kg.close();
    for (const s of ["-wal", "-shm"]) rmSync(`${tmp}${s}`, { force: true });
    renameSync(tmp, path);
  }
  return openSqliteKnowledgeGraph({ path, readonly: true });
}

/**
 * Tokens per second of the whole linking path (wink analysis, detection over
 * the alias trie, candidates, disambiguation with context and PPR coherence)
 * against full WordNet on the WSD texts, next to wink-nlp's `readDoc` alone on
 * the same texts. "cold" runs start from a fresh linker (the alias index and
 * the knowledge snapshot come from their disk caches; "cold_no_snapshot" reads
 * candidate knowledge from the store, at most 5 runs); "warm" runs
 * reuse one linker (default two-step coherence); "no_coherence" runs a warm
 * linker without coherence evidence, "pagerank" one with personalised-PageRank
 * coherence, "prior_only" one with neither context nor coherence evidence (what
 * the path costs before any evidence beyond the prior); "analysis" times the
 * linker's analyser alone. Medians of `--repetitions` runs. Each warm configuration is
 * measured on its own (only its linker loaded), each of its runs next to
 * a wink run (in turn before and after it); its ratio is the median over
 * repetitions of the ratio within each such pair, so that the machine's drift
 * between pairs cancels out. A warm run times `--passes` passes over the corpus
 * (default 3) and reports the time per pass. The
 * linker's analyser runs wink with only the components it reads (sbd, pos,
 * ner); `link_over_wink_lean_warm` compares with readDoc on that same pipe.
 *
 * `npm run -s bench -- linking [--store wordnet.db] [--repetitions 5] [--passes 3]`
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { store: { type: "string" }, repetitions: { type: "string" }, passes: { type: "string" } },
  });
  const repetitions = countOption(values.repetitions, "repetitions", 5);
  // Passes over the corpus per timed warm run: one pass of wink takes a few
  // tens of milliseconds, where one garbage collection or scheduler hiccup
  // moves a ratio by a tenth; several passes average them out.
  const passes = countOption(values.passes, "passes", 3);
  const kg = await wordnetStore(values.store ?? cachePath("bench", "wordnet-3.1.db"));
  try {
    const docs = wsdDocuments();
    const nlp = winkNLP(model);
    // wink with only the components the linker's analyser runs (sbd, pos, ner).
    const leanNlp = winkNLP(model, ["sbd", "pos", "ner"]);
    let tokens = 0;
    /** Seconds per pass of `pipe.readDoc` over the corpus, over `times` passes. */
    const winkOnce = (pipe = nlp, times = 1) => {
      const t0 = performance.now();
      for (let p = 0; p < times; p++) {
        let n = 0;
        for (const d of docs) n += pipe.readDoc(d.text).tokens().length();
        tokens = n;
      }
      return (performance.now() - t0) / 1000 / times;
    };
    winkOnce();
    const secondsSince = (from: number) => Number(((performance.now() - from) / 1000).toFixed(3));
    let t0 = performance.now();
    const snapshot = await KnowledgeSnapshot.build(kg);
    emit("knowledge_snapshot_build_seconds", secondsSince(t0), {
      entities: snapshot.size,
      note: "one pass over the store, once per store version (then read from the disk cache)",
    });
    // Opens once to fill the disk caches, then times an open from them.
    await (await GraphLinker.open({ store: kg })).close();
    t0 = performance.now();
    await (await GraphLinker.open({ store: kg })).close();
    emit("open_seconds", secondsSince(t0), {
      note: "alias index, word rarity and knowledge snapshot from cache",
    });
    let links = 0;
    /** Seconds of a first pass of a fresh linker, over `runs` linkers. */
    const coldRuns = async (runs: number, options: Partial<GraphLinkerOptionsInput>) => {
      const times: number[] = [];
      for (let r = 0; r < runs; r++) {
        const linker = await GraphLinker.open({ store: kg, ...options });
        const t = performance.now();
        const out = await linker.link(docs);
        times.push((performance.now() - t) / 1000);
        links = out.reduce((n, d) => n + d.links.length, 0);
        await linker.close();
      }
      return times;
    };
    const cold = await coldRuns(repetitions, {});
    const coldNoSnapshot = await coldRuns(Math.min(repetitions, 5), { knowledgeSnapshot: false });
    /**
     * Seconds per pass of `pass` (run `passes` times per repetition) and its
     * ratios to wink's `readDoc` (full and lean pipes), each repetition's runs
     * made back to back.
     */
    const againstWink = async (pass: () => unknown) => {
      await pass();
      const wink: number[] = [];
      const timed: number[] = [];
      const ratio: number[] = [];
      const leanRatio: number[] = [];
      const timeOnce = async () => {
        const t = performance.now();
        for (let p = 0; p < passes; p++) await pass();
        return (performance.now() - t) / 1000 / passes;
      };
      for (let r = 0; r < repetitions; r++) {
        // Alternating which side runs first, so that neither always inherits the other's garbage.
        let seconds = 0;
        if (r % 2 === 1) seconds = await timeOnce();
        wink.push(winkOnce(nlp, passes));
        const lean = winkOnce(leanNlp, passes);
        if (r % 2 === 0) seconds = await timeOnce();
        timed.push(seconds);
        ratio.push(timed[r]! / wink[r]!);
        leanRatio.push(timed[r]! / lean);
      }
      return { wink: median(wink), link: median(timed), ratio: median(ratio), leanRatio: median(leanRatio) };
    };
    // Each configuration is measured on its own, with only its linker loaded,
    // its runs alternating with wink runs so that each ratio compares runs
    // made under the same (shared-machine) load.
    const warmAgainstWink = async (options: Partial<GraphLinkerOptionsInput>) => {
      const linker = await GraphLinker.open({ store: kg, ...options });
      try {
        return await againstWink(() => linker.link(docs));
      } finally {
        await linker.close();
      }
    };
    // The linker's analyser alone (wink with the components it reads, then its token facts).
    const analyzer = new Analyzer();
    const analysis = await againstWink(() => {
      for (const d of docs) analyzer.analyze(d.text);
    });
    const warm = await warmAgainstWink({});
    const plain = await warmAgainstWink({ coherence: false });
    const pagerank = await warmAgainstWink({ coherenceMethod: "pagerank" });
    const priorOnly = await warmAgainstWink({ context: false, coherence: false });
    const common = { store: "wordnet-3.1", documents: docs.length, tokens, links, repetitions, passes };
    emit("wink_readdoc_tokens_per_s", Math.round(tokens / warm.wink), common);
    emit("link_tokens_per_s_cold", Math.round(tokens / median(cold)), common);
    emit("link_tokens_per_s_warm", Math.round(tokens / warm.link), common);
    emit("link_over_wink_cold", Number((median(cold) / warm.wink).toFixed(2)), common);
    const noSnapshot = { ...common, repetitions: coldNoSnapshot.length };
    emit("link_tokens_per_s_cold_no_snapshot", Math.round(tokens / median(coldNoSnapshot)), noSnapshot);
    emit(
      "link_over_wink_cold_no_snapshot",
      Number((median(coldNoSnapshot) / warm.wink).toFixed(2)),
      noSnapshot,
    );
    emit("link_over_wink_warm", Number(warm.ratio.toFixed(2)), common);
    emit("link_over_wink_lean_warm", Number(warm.leanRatio.toFixed(2)), {
      ...common,
      note: "against readDoc with only the analyser's wink components (sbd, pos, ner)",
    });
    emit("link_tokens_per_s_warm_no_coherence", Math.round(tokens / plain.link), common);
    emit("link_over_wink_warm_no_coherence", Number(plain.ratio.toFixed(2)), common);
    emit("link_tokens_per_s_warm_pagerank", Math.round(tokens / pagerank.link), common);
    emit("link_over_wink_warm_pagerank", Number(pagerank.ratio.toFixed(2)), common);
    emit("analysis_tokens_per_s", Math.round(tokens / analysis.link), common);
    emit("analysis_over_wink", Number(analysis.ratio.toFixed(2)), {
      ...common,
      note: "the linker's analyser alone (wink sbd+pos+ner, token facts)",
    });
    const priorNote = {
      ...common,
      note: "no context or coherence evidence: analysis, detection, candidates, output",
    };
    emit("link_tokens_per_s_warm_prior_only", Math.round(tokens / priorOnly.link), priorNote);
    emit("link_over_wink_warm_prior_only", Number(priorOnly.ratio.toFixed(2)), priorNote);
  } finally {
    await kg.close();
  }
}

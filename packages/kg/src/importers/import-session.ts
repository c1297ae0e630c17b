import { existsSync } from "node:fs";
import {
  type Entity,
  ImportLineError,
  type KnowledgeGraph,
  type KnowledgeGraphWriter,
  NotFoundError,
  type NumberedLine,
  type ProgressListener,
  ProgressReporter,
  type Relation,
  readLines,
} from "@knowfuse/core";
import { z } from "zod";

/** What an importer does with a malformed line: stop (default; nothing is imported) or skip it and count it. */
export const InvalidLinePolicySchema = z.enum(["stop", "skip"]).default("stop");

/** See {@link InvalidLinePolicySchema}. */
export type InvalidLinePolicy = z.output<typeof InvalidLinePolicySchema>;

/** Options every importer run takes. */
export interface ImportRunOptions {
  /** Receives throttled progress events (job "import:<kind>", unit "lines"). */
  onProgress?: ProgressListener;
}

/** What an import did. */
export interface ImportReport {
  /** Registered importer name, e.g. "import.wordnet.v1". */
  importer: string;
  /** The source name recorded on every entity and relation. */
  source: string;
  /** Lines read from every input file. */
  lines: number;
  /** Entity upserts written. */
  entities: number;
  /** Relation upserts written. */
  relations: number;
  /** Malformed lines skipped (only with `invalidLines: "skip"`). */
  skipped: number;
  /** The first skipped lines' errors (at most 20), each naming its file and line. */
  errors: ImportLineError[];
  /** Wall-clock seconds. */
  seconds: number;
}

/** A configured import, created from the importer registry: run it against a store. */
export interface Importer {
  /** Registered importer name. */
  readonly name: string;
  /**
   * Imports everything in one store transaction: if it fails (a bad line under
   * the "stop" policy, a missing file, a store error) the store is left as it was.
   * Re-running it changes nothing (entities and relations are upserted by id).
   */
  run(kg: KnowledgeGraph, options?: ImportRunOptions): Promise<ImportReport>;
}

const BATCH = 2000;
const MAX_ERRORS = 20;

/**
 * Buffers an importer's entities and relations, writes them in batches through
 * a transaction writer, counts lines and errors, and reports progress. Importers
 * get one from {@link runImport}.
 */
export class ImportSession {
  #entities: Entity[] = [];
  #relations: Relation[] = [];
  readonly #report: ImportReport;
  readonly #progress: ProgressReporter;

  constructor(
    readonly importer: string,
    readonly source: string,
    private readonly writer: KnowledgeGraphWriter,
    private readonly invalidLines: InvalidLinePolicy,
    onProgress: ProgressListener | undefined,
  ) {
    this.#report = {
      importer,
      source,
      lines: 0,
      entities: 0,
      relations: 0,
      skipped: 0,
      errors: [],
      seconds: 0,
    };
    this.#progress = new ProgressReporter(
      `import:${importer.replace(/^import\.|\.v\d+$/g, "")}`,
      "lines",
      onProgress,
    );
  }

  /** Queues an entity upsert. */
  async entity(entity: Entity): Promise<void> {
    this.#entities.push(entity);
    if (this.#entities.length >= BATCH) await this.#flushEntities();
  }

  /** Queues a relation upsert. */
  async relation(relation: Relation): Promise<void> {
    this.#relations.push(relation);
    if (this.#relations.length >= BATCH) await this.#flushRelations();
  }

  /** Queues many relations at once (one await for a whole line's worth). */
  async relations(relations: readonly Relation[]): Promise<void> {
    for (const r of relations) this.#relations.push(r);
    if (this.#relations.length >= BATCH) await this.#flushRelations();
  }

  /** Counts one line read and reports progress now and then. */
  line(phase?: string): void {
    this.#report.lines += 1;
    if ((this.#report.lines & 1023) === 0) this.#emit(false, phase);
  }

  /**
   * Reads `file` line by line: counts every line (as progress `phase`), passes
   * over the lines `skip` picks (by default the blank ones) and hands the others
   * to `handle`; an {@link ImportLineError} it throws is handled by the policy
   * (see {@link ImportSession.invalid}), any other error ends the import.
   */
  async eachLine(
    file: string,
    handle: (line: number, text: string) => Promise<void> | void,
    options: { phase?: string; skip?: (text: string) => boolean } = {},
  ): Promise<void> {
    const skip = options.skip ?? ((text: string) => text.trim() === "");
    for await (const { line, text } of inputLines(file)) {
      this.line(options.phase);
      if (skip(text)) continue;
      try {
        const handled = handle(line, text);
        if (handled instanceof Promise) await handled;
      } catch (error) {
        if (!(error instanceof ImportLineError)) throw error;
        this.invalid(error);
      }
    }
  }

  /** Handles a malformed line by the policy: throws it ("stop") or counts it ("skip"). */
  invalid(error: ImportLineError): void {
    if (this.invalidLines === "stop") throw error;
    this.#report.skipped += 1;
    if (this.#report.errors.length < MAX_ERRORS) this.#report.errors.push(error);
  }

  /** Writes what is buffered and returns the final report. */
  async finish(): Promise<ImportReport> {
    await this.#flushEntities();
    await this.#flushRelations();
    this.#report.seconds = this.#progress.elapsed;
    this.#emit(true);
    return this.#report;
  }

  async #flushEntities(): Promise<void> {
    if (this.#entities.length === 0) return;
    const batch = this.#entities;
    this.#entities = [];
    await this.writer.upsertEntities(batch);
    this.#report.entities += batch.length;
  }

  async #flushRelations(): Promise<void> {
    if (this.#relations.length === 0) return;
    const batch = this.#relations;
    this.#relations = [];
    await this.writer.upsertRelations(batch);
    this.#report.relations += batch.length;
  }

  #emit(final: boolean, phase?: string): void {
    const metrics = {
      entities: this.#report.entities + this.#entities.length,
      relations: this.#report.relations + this.#relations.length,
      skipped: this.#report.skipped,
    };
    const extra = phase === undefined ? { metrics } : { metrics, phase };
    if (final) this.#progress.finish(this.#report.lines, extra);
    else this.#progress.report(this.#report.lines, extra);
  }
}

/**
 * An {@link Importer} named `name` whose run is `body` under {@link runImport}:
 * one store transaction, `source` in its report, malformed lines handled by
 * `invalidLines`.
 */
export function defineImporter(
  name: string,
  source: string,
  invalidLines: InvalidLinePolicy,
  body: (session: ImportSession) => Promise<void>,
): Importer {
  return {
    name,
    run: (kg: KnowledgeGraph, options: ImportRunOptions = {}): Promise<ImportReport> =>
      runImport(kg, name, source, invalidLines, options, body),
  };
}

/**
 * Runs an import body inside one store transaction with a fresh
 * {@link ImportSession}, so a failure leaves the store as it was.
 */
export async function runImport(
  kg: KnowledgeGraph,
  importer: string,
  source: string,
  invalidLines: InvalidLinePolicy,
  options: ImportRunOptions,
  body: (session: ImportSession) => Promise<void>,
): Promise<ImportReport> {
  return kg.transaction(async (writer) => {
    const session = new ImportSession(importer, source, writer, invalidLines, options.onProgress);
    await body(session);
    return session.finish();
  });
}

/** Splits a line on tabs and checks the field count, raising an {@link ImportLineError} that says what was expected. */
export function tabFields(file: string, line: number, text: string, min: number, max = min): string[] {
  const fields = text.split("\t");
  if (fields.length < min || fields.length > max || fields.slice(0, min).some((f) => f.trim() === "")) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new ImportLineError(
      file,
      line,
      `expected ${expected} non-empty tab-separated fields, got ${fields.length}: ${JSON.stringify(text.slice(0, 80))}`,
    );
  }
  return fields;
}

/** The fields of a `head<TAB>relation<TAB>tail[<TAB>weight]` line, as written, and its weight. */
export interface TripleLine {
  head: string;
  relation: string;
  tail: string;
  /** The fourth field as a number, 1 without one. */
  weight: number;
}

/**
 * Splits a `head<TAB>relation<TAB>tail[<TAB>weight]` line, raising an
 * {@link ImportLineError} for a wrong field count or a weight that is not a
 * finite number.
 */
export function tripleFields(file: string, line: number, text: string): TripleLine {
  const [head, relation, tail, weightText] = tabFields(file, line, text, 3, 4) as [
    string,
    string,
    string,
    string | undefined,
  ];
  const weight = weightText === undefined ? 1 : Number(weightText);
  if (!Number.isFinite(weight)) {
    throw new ImportLineError(file, line, `weight ${JSON.stringify(weightText)} is not a finite number`);
  }
  return { head, relation, tail, weight };
}

/** Streams an input file's lines (core `readLines`), failing with a {@link NotFoundError} naming the file when it is missing. */
export async function* inputLines(file: string): AsyncGenerator<NumberedLine> {
  if (file !== "-" && !existsSync(file)) {
    throw new NotFoundError(`input file ${file} does not exist`, { details: { file } });
  }
  yield* readLines(file);
}

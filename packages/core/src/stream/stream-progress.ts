import { BehaviorSubject, type Observable } from "rxjs";
import type { StreamResult } from "./stream-result.js";

/** Counters of a streaming run so far. */
export interface StreamProgressSnapshot {
  /** Documents delivered (successes + errors). */
  documents: number;
  /** Error records among them. */
  errors: number;
  /** Tokens and links of the successful documents (see {@link StreamMeasure}). */
  tokens: number;
  links: number;
  /** Documents pulled from the source and not yet delivered. */
  inFlight: number;
  /** Seconds since the run started. */
  elapsed: number;
  /** Documents per second so far. */
  rate: number;
}

/** Counts the tokens and links of one result value. */
export type StreamMeasure<T> = (value: T) => { tokens?: number; links?: number };

/** The default measure: the lengths of a value's `tokens` and `links` arrays, when it has them. */
export function measureTokensAndLinks(value: unknown): { tokens: number; links: number } {
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  return {
    tokens: Array.isArray(record.tokens) ? record.tokens.length : 0,
    links: Array.isArray(record.links) ? record.links.length : 0,
  };
}

/**
 * Live progress of a streaming run as an Observable. Pass one to `enrich` or
 * `processAll` through the `progress` option and subscribe to `progress$`
 * (it emits after every delivered document; throttle it as you like).
 *
 * @example
 * ```ts
 * const progress = new StreamProgress();
 * progress.progress$.pipe(throttleTime(500)).subscribe((p) => console.error(`${p.documents} docs, ${p.rate}/s`));
 * await processAll(docs, pipeline, { progress });
 * ```
 */
export class StreamProgress {
  readonly #subject: BehaviorSubject<StreamProgressSnapshot>;
  #started = performance.now();
  #inFlight: () => number = () => 0;
  #done = false;

  constructor() {
    this.#subject = new BehaviorSubject(this.#snapshot(0, 0, 0, 0));
  }

  /** Emits the current counters, then after every delivered document; completes when the run ends. */
  get progress$(): Observable<StreamProgressSnapshot> {
    return this.#subject.asObservable();
  }

  /** The current counters. */
  get value(): StreamProgressSnapshot {
    return { ...this.#subject.value, inFlight: this.#inFlight(), elapsed: this.#elapsed() };
  }

  /** Called by the stream when it starts; `inFlight` reads the live in-flight count. */
  start(inFlight: () => number): void {
    this.#started = performance.now();
    this.#inFlight = inFlight;
  }

  /** Counts one delivered result. */
  record<T>(result: StreamResult<T>, measure: StreamMeasure<T>): void {
    const prev = this.#subject.value;
    const counts = result.ok ? measure(result.value) : {};
    this.#subject.next(
      this.#snapshot(
        prev.documents + 1,
        prev.errors + (result.ok ? 0 : 1),
        prev.tokens + (counts.tokens ?? 0),
        prev.links + (counts.links ?? 0),
      ),
    );
  }

  /** Emits the final counters and completes `progress$`. */
  complete(): void {
    if (this.#done) return;
    this.#done = true;
    const v = this.#subject.value;
    this.#subject.next(this.#snapshot(v.documents, v.errors, v.tokens, v.links));
    this.#subject.complete();
  }

  #elapsed(): number {
    return (performance.now() - this.#started) / 1000;
  }

  #snapshot(documents: number, errors: number, tokens: number, links: number): StreamProgressSnapshot {
    const elapsed = this.#elapsed();
    return {
      documents,
      errors,
      tokens,
      links,
      inFlight: this.#inFlight(),
      elapsed,
      rate: elapsed > 0 ? documents / elapsed : 0,
    };
  }
}

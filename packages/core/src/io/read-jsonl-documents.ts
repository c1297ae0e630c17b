import { ValidationError } from "../errors/validation-error.js";
import { type Document, DocumentSchema } from "../model/document.js";
import { type SourceRecord, sourceFailure, sourceValue } from "../stream/source-record.js";
import { readLines } from "./read-lines.js";

/**
 * Reads documents from a JSONL file ("-" for standard input), one JSON object
 * per line with at least `id` and `text` (see {@link DocumentSchema}), in
 * constant memory. Every line yields one record with its line number: the
 * document, or, for an empty, non-JSON or invalid line, a {@link ValidationError}
 * naming the file, line and field, which a stream turns into an error record in
 * that line's place. Nothing is skipped. A file that cannot be opened throws.
 *
 * @example
 * ```ts
 * for await (const record of readJsonlDocuments("docs.jsonl")) console.log(record);
 * pullable(readJsonlDocuments("docs.jsonl")).pipe(enrich(pipeline)).subscribe(write);
 * ```
 */
export async function* readJsonlDocuments(path: string): AsyncGenerator<SourceRecord<Document>> {
  const file = path === "-" ? "<stdin>" : path;
  for await (const { line, text } of readLines(path)) {
    const where = `${file}:${line}`;
    const details = { file, line };
    if (text.trim() === "") {
      yield sourceFailure(
        new ValidationError(
          `${where}: empty line; each line must be a JSON object with "id" and "text"`,
          [],
          {
            details,
          },
        ),
        line,
      );
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      yield sourceFailure(
        new ValidationError(
          `${where}: not valid JSON (${(err as Error).message}); each line must be a JSON object with "id" and "text"`,
          [{ path: [], message: "not valid JSON" }],
          { cause: err, details },
        ),
        line,
      );
      continue;
    }
    const parsed = DocumentSchema.safeParse(json);
    if (parsed.success) yield sourceValue(parsed.data, line);
    else yield sourceFailure(ValidationError.fromZod(parsed.error, where, { details }), line);
  }
}

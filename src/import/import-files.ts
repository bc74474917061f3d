/**
 * Reading import files: CSV in the catalogue's formats (the header says which), or JSON with the same
 * field names. CSV is streamed and handed out in chunks of parsed rows, so that memory stays flat
 * however long the file; every bad row, bad byte or bad quote becomes a problem naming file and row.
 * A file can be read more than once (the importer validates everything first, then writes).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { parse as parseCsvStream } from "csv-parse";
import { parse as parseCsvSync } from "csv-parse/sync";
import {
  CATALOGUE_CSV_COLUMNS,
  catalogueRecordParser,
  detectCatalogueKind,
  type CatalogueCsvKind,
  type CatalogueCsvRowMap,
  type SeedProblem,
} from "../seed/catalogue-csv";

/**
 * Limits on what one import file may be. They bound the one transaction an import writes and the
 * memory a JSON file takes (JSON is parsed whole); a file over a limit is refused before anything is
 * written, with the limit in the message. The whole seed catalogue is about 150 KB, and a national
 * competition's full results are a few thousand rows, so these leave a wide margin for real files.
 */
export interface ImportLimits {
  /** Largest CSV file, in bytes. */
  maxCsvBytes: number;
  /** Largest JSON file, in bytes (parsed in memory as a whole). */
  maxJsonBytes: number;
  /** Most data rows (or JSON entries) in one file. */
  maxRows: number;
  /** Largest single CSV record, in bytes: a longer one is almost always an unterminated quote. */
  maxRecordBytes: number;
}

/** The documented limits (README, "Importing data"). */
export const IMPORT_LIMITS: ImportLimits = Object.freeze({
  maxCsvBytes: 200 * 1024 * 1024,
  maxJsonBytes: 50 * 1024 * 1024,
  maxRows: 1_000_000,
  maxRecordBytes: 1024 * 1024,
});

/** Rows handed out per chunk: one batch of statements per chunk when writing. */
export const IMPORT_CHUNK_ROWS = 2_000;

/** One kind of rows inside an import file: a CSV file has one, a JSON file one per list it holds. */
export interface ImportPart<K extends CatalogueCsvKind = CatalogueCsvKind> {
  /** How problems and provenance name this part: the file as given, with the list for JSON ("x.json (awards)"). */
  readonly label: string;
  readonly kind: K;
  /** The file it is in. */
  readonly file: ImportFile;
  /**
   * Reads the part's rows in chunks. Rows with problems are left out of the chunks and their problems
   * pushed onto `problems`; a problem that stops the reading (a bad byte, an unterminated quote, too
   * many rows) is pushed too and ends the iteration.
   */
  chunks(problems: SeedProblem[], chunkRows?: number): AsyncGenerator<CatalogueCsvRowMap[K][]>;
}

/** An opened import file: its format, size, digest and parts. */
export interface ImportFile {
  /** The file as the user named it. */
  readonly name: string;
  readonly path: string;
  readonly format: "csv" | "json";
  readonly bytes: number;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
  readonly parts: readonly ImportPart[];
}

/** A problem that ends the reading of a file, with the row it happened at. */
class StopReading extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Opens an import file: checks that it exists and is within the limits, tells CSV from JSON (by
 * extension, else by its first character), reads the CSV header or parses the JSON, and works out
 * which format each part is in. Never throws for bad content: problems are returned and the file is
 * null when nothing can be read from it.
 */
export async function openImportFile(
  filePath: string,
  name: string = filePath,
  limits: ImportLimits = IMPORT_LIMITS,
): Promise<{ file: ImportFile | null; problems: SeedProblem[] }> {
  const problems: SeedProblem[] = [];
  const fail = (message: string, row = 0, field = "") => {
    problems.push({ file: name, row, field, message });
    return { file: null, problems };
  };
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch (error) {
    return fail(`cannot read the file: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  if (!stat.isFile()) return fail("is not a file");
  const head = await readHead(filePath, 64 * 1024);
  const extension = path.extname(filePath).toLowerCase();
  const firstChar = head.toString("utf8").replace(/^\uFEFF/, "").trimStart()[0];
  const format = extension === ".json" || (extension !== ".csv" && (firstChar === "[" || firstChar === "{")) ? "json" : "csv";
  const limit = format === "json" ? limits.maxJsonBytes : limits.maxCsvBytes;
  if (stat.size > limit) {
    return fail(
      `is ${formatBytes(stat.size)}, over the limit of ${formatBytes(limit)} for a ${format.toUpperCase()} import file; split it into smaller files and import them together`,
    );
  }
  if (stat.size === 0) return fail("is empty", 1);
  const encoding = encodingProblem(head);
  if (encoding) return fail(encoding, 1);

  if (format === "json") return openJson(filePath, name, stat.size, limits, problems);

  let header: string[];
  try {
    const firstLine = head.toString("utf8").replace(/^\uFEFF/, "");
    header = ((parseCsvSync(firstLine, { to_line: 1, relax_column_count: true }) as string[][])[0] ?? []).map((h) => h.trim());
  } catch (error) {
    return fail(`the header row is not readable CSV: ${(error as Error).message}`, 1);
  }
  const detected = detectCatalogueKind(header);
  if (!detected.ok) {
    const expected = detected.closest ? `; the ${detected.closest} format's header is: ${CATALOGUE_CSV_COLUMNS[detected.closest].join(",")}` : "";
    return fail(`wrong columns: ${detected.message}${expected}`, 1);
  }
  const sha256 = await digest(filePath);
  const file: ImportFile = { name, path: filePath, format: "csv", bytes: stat.size, sha256, parts: [] };
  const part = csvPart(file, detected.kind, header, limits);
  (file.parts as ImportPart[]).push(part);
  return { file, problems };
}

function csvPart<K extends CatalogueCsvKind>(file: ImportFile, kind: K, header: string[], limits: ImportLimits): ImportPart<K> {
  return {
    label: file.name,
    kind,
    file,
    async *chunks(problems, chunkRows = IMPORT_CHUNK_ROWS) {
      const parseRecord = catalogueRecordParser(kind, header, file.name);
      const utf8 = new Utf8Check(limits.maxCsvBytes);
      const parser = parseCsvStream({
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        max_record_size: limits.maxRecordBytes,
        from_line: 2,
      });
      const input = createReadStream(file.path);
      input.on("error", (error) => utf8.destroy(error));
      utf8.on("error", (error) => parser.destroy(error));
      input.pipe(utf8).pipe(parser);
      let rowNumber = 1;
      let chunk: CatalogueCsvRowMap[K][] = [];
      try {
        for await (const record of parser as AsyncIterable<string[]>) {
          rowNumber += 1;
          if (rowNumber - 1 > limits.maxRows) {
            throw new StopReading(rowNumber, `has more than ${limits.maxRows.toLocaleString("en")} rows, the limit for one import file; split it into smaller files and import them together`);
          }
          if (record.length > header.length && record.slice(header.length).some((cell) => cell.trim().length > 0)) {
            problems.push({ file: file.name, row: rowNumber, field: "", message: `has ${record.length} cells but the header has ${header.length} columns (a comma in an unquoted cell?)` });
            continue;
          }
          const row = parseRecord(record, rowNumber, problems);
          if (row) chunk.push(row);
          if (chunk.length >= chunkRows) {
            yield chunk;
            chunk = [];
          }
        }
        if (chunk.length > 0) yield chunk;
      } catch (error) {
        problems.push(readingProblem(file.name, error, rowNumber, parser.info?.records));
      } finally {
        input.destroy();
      }
    },
  };
}

/** The problem for an error that stopped the reading of a CSV file. */
function readingProblem(fileName: string, error: unknown, rowNumber: number, recordsRead: number | undefined): SeedProblem {
  if (error instanceof StopReading) return { file: fileName, row: error.row, field: "", message: error.message };
  if (error instanceof EncodingError) return { file: fileName, row: error.line, field: "", message: error.message };
  const csv = error as Error & { code?: string; lines?: number; records?: number };
  // csv-parse counts records from the first line it reads (line 2, after the header).
  const row = (csv.records ?? recordsRead ?? rowNumber - 1) + 2;
  switch (csv.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return { file: fileName, row, field: "", message: `a quoted cell that starts in this row is never closed (the file ends inside quotes at line ${csv.lines}); add the missing closing quote (")` };
    case "CSV_MAX_RECORD_SIZE":
      return { file: fileName, row, field: "", message: `this row is longer than the limit of ${formatBytes(IMPORT_LIMITS.maxRecordBytes)} (an unterminated quote?)` };
    case "CSV_INVALID_OPENING_QUOTE":
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return { file: fileName, row, field: "", message: `misplaced quote: ${csv.message}; a cell with quotes must be quoted whole, with inner quotes doubled ("")` };
    default:
      return { file: fileName, row, field: "", message: `not readable as CSV: ${csv.message}` };
  }
}

/** A JSON import file: `[{…}, …]` (one format, told by its keys) or `{ "awards": [{…}], "innovations": [...] }`. */
async function openJson(filePath: string, name: string, bytes: number, limits: ImportLimits, problems: SeedProblem[]) {
  const buffer = await fs.readFile(filePath);
  const bad = firstInvalidUtf8(buffer);
  if (bad !== null) {
    const line = countLines(buffer, bad);
    problems.push({ file: name, row: line, field: "", message: notUtf8Message(buffer[bad], line) });
    return { file: null, problems };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(buffer.toString("utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    problems.push({ file: name, row: 0, field: "", message: `not valid JSON: ${(error as Error).message}` });
    return { file: null, problems };
  }
  const file: ImportFile = { name, path: filePath, format: "json", bytes, sha256: createHash("sha256").update(buffer).digest("hex"), parts: [] };
  const lists: { kind: CatalogueCsvKind; entries: unknown[]; label: string }[] = [];
  if (Array.isArray(doc)) {
    const keys = [...new Set(doc.slice(0, 100).flatMap((e) => (isObject(e) ? Object.keys(e) : [])))];
    const detected = detectCatalogueKind(keys);
    const kind = detected.ok ? detected.kind : detectByKeys(keys);
    if (!kind) {
      problems.push({ file: name, row: 1, field: "", message: `the entries' fields match none of the formats (${Object.keys(CATALOGUE_CSV_COLUMNS).join(", ")})` });
      return { file: null, problems };
    }
    lists.push({ kind, entries: doc, label: name });
  } else if (isObject(doc)) {
    for (const [key, value] of Object.entries(doc)) {
      if (!(key in CATALOGUE_CSV_COLUMNS)) {
        problems.push({ file: name, row: 0, field: key, message: `"${key}" is not one of the lists ${Object.keys(CATALOGUE_CSV_COLUMNS).join(", ")}` });
      } else if (!Array.isArray(value)) {
        problems.push({ file: name, row: 0, field: key, message: `"${key}" must be an array of entries` });
      } else {
        lists.push({ kind: key as CatalogueCsvKind, entries: value, label: `${name} (${key})` });
      }
    }
  } else {
    problems.push({ file: name, row: 0, field: "", message: "must be an array of entries or an object of lists by format" });
  }
  for (const list of lists) {
    if (list.entries.length > limits.maxRows) {
      problems.push({ file: list.label, row: limits.maxRows + 1, field: "", message: `has more than ${limits.maxRows.toLocaleString("en")} entries, the limit for one import file; split it` });
      continue;
    }
    (file.parts as ImportPart[]).push(jsonPart(file, list.kind, list.entries, list.label));
  }
  return { file: problems.length > 0 && file.parts.length === 0 ? null : file, problems };
}

/** The format whose columns include all of `keys` (JSON entries may leave out empty fields). */
function detectByKeys(keys: readonly string[]): CatalogueCsvKind | null {
  const kinds = (Object.keys(CATALOGUE_CSV_COLUMNS) as CatalogueCsvKind[]).filter((kind) =>
    keys.every((k) => (CATALOGUE_CSV_COLUMNS[kind] as readonly string[]).includes(k)),
  );
  return kinds.length === 1 ? kinds[0] : null;
}

function jsonPart<K extends CatalogueCsvKind>(file: ImportFile, kind: K, entries: unknown[], label: string): ImportPart<K> {
  const columns: readonly string[] = CATALOGUE_CSV_COLUMNS[kind];
  return {
    label,
    kind,
    file,
    async *chunks(problems, chunkRows = IMPORT_CHUNK_ROWS) {
      const parseRecord = catalogueRecordParser(kind, columns, label);
      let chunk: CatalogueCsvRowMap[K][] = [];
      for (let i = 0; i < entries.length; i += 1) {
        const entry = entries[i];
        const rowNumber = i + 1;
        if (!isObject(entry)) {
          problems.push({ file: label, row: rowNumber, field: "", message: "entry is not an object" });
          continue;
        }
        const cells: (string | null)[] = [];
        let clean = true;
        for (const key of Object.keys(entry)) {
          if (!columns.includes(key)) {
            problems.push({ file: label, row: rowNumber, field: key, message: `"${key}" is not a field of the ${kind} format (${columns.join(", ")})` });
            clean = false;
          }
        }
        for (const column of columns) {
          const value = entry[column];
          if (value === undefined || value === null) cells.push(null);
          else if (typeof value === "string") cells.push(value);
          else if (typeof value === "number" && Number.isFinite(value)) cells.push(String(value));
          else {
            problems.push({ file: label, row: rowNumber, field: column, message: "must be text, a number or null" });
            clean = false;
            cells.push(null);
          }
        }
        const row = parseRecord(cells, rowNumber, problems);
        if (row && clean) chunk.push(row);
        if (chunk.length >= chunkRows) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length > 0) yield chunk;
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function readHead(filePath: string, bytes: number): Promise<Buffer> {
  const handle = await fs.open(filePath, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function digest(filePath: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** A problem with the file's encoding that its first bytes already show (UTF-16, UTF-32). */
function encodingProblem(head: Buffer): string | null {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 (in Excel: CSV UTF-8)";
  }
  if (head.length >= 4 && head.subarray(0, 4).filter((b) => b === 0).length >= 2) {
    return "is not UTF-8 text (it holds NUL bytes: UTF-16 or a binary file?); save it as UTF-8";
  }
  return null;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/** A byte sequence that is not UTF-8, at a line. */
class EncodingError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

function notUtf8Message(byte: number, line: number): string {
  const hint = byte >= 0x80 && byte <= 0xff ? " (Windows-1252 or Latin-1 text, e.g. an accented letter?)" : "";
  return `line ${line} is not UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")}${hint}; save the file as UTF-8 (in Excel: CSV UTF-8) and import it again`;
}

function countLines(buffer: Buffer, end: number): number {
  let lines = 1;
  for (let at = buffer.indexOf(0x0a, 0); at !== -1 && at < end; at = buffer.indexOf(0x0a, at + 1)) lines += 1;
  return lines;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or null. */
function firstInvalidUtf8(buffer: Buffer, from = 0): number | null {
  let i = from;
  while (i < buffer.length) {
    const b = buffer[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    if (i + length > buffer.length) return i;
    for (let k = 1; k < length; k += 1) if ((buffer[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return null;
}

/**
 * Passes bytes through while checking that they are UTF-8 and under a size limit; fails with the line
 * of the first bad byte. A multi-byte character split between chunks is carried to the next chunk.
 */
class Utf8Check extends Transform {
  private carry: Buffer = Buffer.alloc(0);
  private lines = 1;
  private total = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    if (this.total > this.maxBytes) {
      callback(new StopReading(0, `is over the limit of ${formatBytes(this.maxBytes)} for a CSV import file; split it`));
      return;
    }
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    // Hold back an incomplete sequence at the end: its remaining bytes are in the next chunk.
    let end = data.length;
    for (let back = 1; back <= 3 && back <= data.length; back += 1) {
      const b = data[data.length - back];
      if ((b & 0xc0) === 0x80) continue;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (need > back) end = data.length - back;
      break;
    }
    const complete = data.subarray(0, end);
    const bad = firstInvalidUtf8(complete);
    if (bad !== null) {
      const line = this.lines + countLines(complete, bad) - 1;
      callback(new EncodingError(line, notUtf8Message(complete[bad], line)));
      return;
    }
    this.lines += countLines(complete, complete.length) - 1;
    this.carry = Buffer.from(data.subarray(end));
    callback(null, complete);
  }

  override _flush(callback: TransformCallback): void {
    if (this.carry.length > 0) {
      callback(new EncodingError(this.lines, notUtf8Message(this.carry[0], this.lines)));
      return;
    }
    callback();
  }
}

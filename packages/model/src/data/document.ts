// The records that flow through data curation: a document as read (with the metadata its input
// carried: a parquet row's other columns, a WARC record's URL and date), a record the reader
// passed over on purpose (a WARC request, an image), a problem met while reading (bad input is
// reported with file and line or byte offset and skipped, never fatal), and a removal with its
// named reason.

/** A document's metadata: scalar values only, so it writes to JSON as is. */
export type DocumentMeta = Record<string, string | number | boolean | null>;

/** One document as read from an input. */
export interface RawDocument {
  /** Stable id: the id field or column when present, else "file:line", "file#n" or "file@offset". */
  id: string;
  /** The text, or for format "html" the page's HTML (the extract stage turns it into text). */
  text: string;
  /** The input it came from (a file path, a dropped file's name, "brown"). */
  source: string;
  /** "html": text is a web page to extract the main content from. Default "text". */
  format?: 'text' | 'html';
  /** The page's URL, when known (WARC target URI, a url column): the URL filter reads it. */
  url?: string;
  /** 1-based line of the input where it starts, when it has one. */
  line?: number;
  /** Byte offset of its record in the input file (WARC), when it has one. */
  offset?: number;
  /** What the input said about the document besides its text (parquet columns, WARC headers). */
  meta?: DocumentMeta;
}

/** Something wrong with the input: what is lost, and where. Reading goes on after it. */
export interface ReadIssue {
  kind: 'issue';
  source: string;
  line?: number;
  /** Byte offset in the file (for binary formats: a WARC record, a parquet row group). */
  offset?: number;
  /** Short code, e.g. "invalid_utf8", "bad_json", "binary_file", "empty_file". */
  reason: string;
  message: string;
}

/** A record read and passed over on purpose (not a problem): counted by reason, not reported. */
export interface ReadSkip {
  kind: 'skip';
  source: string;
  /** e.g. "warc_request", "not_html". */
  reason: string;
}

export type ReadItem = RawDocument | ReadIssue | ReadSkip;

export function isReadIssue(x: ReadItem): x is ReadIssue {
  return (x as ReadIssue).kind === 'issue';
}

export function isReadSkip(x: ReadItem): x is ReadSkip {
  return (x as ReadSkip).kind === 'skip';
}

/** Where a read issue is, as "file:line", "file@offset" or "file". */
export function issueWhere(i: { source: string; line?: number; offset?: number }): string {
  if (i.line) return `${i.source}:${i.line}`;
  if (i.offset !== undefined) return `${i.source}@${i.offset}`;
  return i.source;
}

/**
 * The stages, in pipeline order: FineWeb's (URL filter, main-content extraction, language
 * identification, the four quality filters, then dedup), with Unicode normalization before
 * language identification.
 */
export const STAGES = [
  'read',
  'url_filter',
  'extract',
  'normalize',
  'language',
  'gopher_repetition',
  'gopher_quality',
  'c4',
  'fineweb',
  'exact_dedup',
  'minhash_dedup',
] as const;
export type Stage = (typeof STAGES)[number];

/** Why a filter rejected a document: a named rule, the value it measured and the threshold. */
export interface Rejection {
  reason: string;
  value: number;
  threshold: number;
  /** Where or what, when a number alone does not say it (e.g. "line 3"). */
  detail?: string;
}

/** A removed document as written to removed.jsonl. */
export interface Removal extends Rejection {
  id: string;
  source: string;
  stage: Stage;
  /** For duplicates: the id of the document that was kept. */
  duplicateOf?: string;
  text: string;
  url?: string;
  meta?: DocumentMeta;
  curation?: CurationNotes;
}

/** What curation learned about a document on its way (written beside it in clean/removed.jsonl). */
export interface CurationNotes {
  /** Which extractor gave the text of an HTML page: the main-content one or the fallback. */
  extractor?: 'readability' | 'fallback';
  /** The most likely language (fastText label without "__label__") and its probability. */
  language?: string;
  languageScore?: number;
}

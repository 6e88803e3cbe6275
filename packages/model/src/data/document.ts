// The records that flow through data curation: a document as read, a problem met while reading
// (bad input is reported and skipped, never fatal), and a removal with its named reason.

/** One document as read from an input. */
export interface RawDocument {
  /** Stable id: the JSONL id field when present, else "file:line" or the file name. */
  id: string;
  text: string;
  /** The input it came from (a file path, a dropped file's name, "brown"). */
  source: string;
  /** 1-based line of the input where it starts, when it has one. */
  line?: number;
}

/** Something wrong with the input: what is lost, and where. Reading goes on after it. */
export interface ReadIssue {
  kind: 'issue';
  source: string;
  line?: number;
  /** Short code, e.g. "invalid_utf8", "bad_json", "binary_file", "empty_file". */
  reason: string;
  message: string;
}

export function isReadIssue(x: RawDocument | ReadIssue): x is ReadIssue {
  return (x as ReadIssue).kind === 'issue';
}

/** Where a read issue is, as "file:line" or "file". */
export function issueWhere(i: { source: string; line?: number }): string {
  return i.line ? `${i.source}:${i.line}` : i.source;
}

/** The stages, in pipeline order (FineWeb's order for the four filters, then dedup). */
export const STAGES = [
  'read',
  'normalize',
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
}

// JSONL input: one JSON object per line, its text in a configurable field ("text" by default,
// a dotted path such as "meta.body" allowed) and its id in "id" when present. A line that is not
// JSON, not an object, or has no string in the text field is reported with file and line and
// skipped; blank lines are ignored.

import type { RawDocument, ReadIssue } from '../document.js';
import { issue, type NumberedLine } from './lines.js';

export interface JsonlReaderOptions {
  textField?: string;
  idField?: string;
}

export async function* jsonlDocuments(
  lines: AsyncIterable<NumberedLine | ReadIssue>,
  source: string,
  opts: JsonlReaderOptions = {},
): AsyncGenerator<RawDocument | ReadIssue> {
  const textField = opts.textField ?? 'text';
  const idField = opts.idField ?? 'id';
  for await (const item of lines) {
    if ('kind' in item) {
      yield item;
      continue;
    }
    if (item.text.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(item.text);
    } catch (e) {
      yield issue(source, item.line, 'bad_json', `not valid JSON (${(e as Error).message}); line skipped`);
      continue;
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
      yield issue(source, item.line, 'bad_json', 'expected a JSON object on each line; line skipped');
      continue;
    }
    const text = field(obj, textField);
    if (typeof text !== 'string') {
      yield issue(
        source,
        item.line,
        'missing_text',
        `no string field "${textField}" (choose the text field by name); line skipped`,
      );
      continue;
    }
    const id = field(obj, idField);
    yield {
      id: typeof id === 'string' || typeof id === 'number' ? String(id) : `${source}:${item.line}`,
      text,
      source,
      line: item.line,
    };
  }
}

function field(obj: object, path: string): unknown {
  let v: unknown = obj;
  for (const key of path.split('.')) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

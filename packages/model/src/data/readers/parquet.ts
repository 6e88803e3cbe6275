// Parquet input (FineWeb and most Hugging Face datasets ship this way), read with hyparquet and its
// decompressors (snappy, gzip, zstd, brotli, lz4), one row group at a time, so memory holds one
// row group whatever the file's size. Each row is a document: its text from the chosen column
// ("text" by default, FineWeb's), its id from "id" when present (else "file#row"), its URL from
// "url"; every other column is kept as metadata (numbers, strings, booleans and dates as they are,
// anything else as JSON) and flows into clean.jsonl and removed.jsonl. A row group that cannot be
// decoded is reported with its byte offset and the rest of the file is read; a file without the
// text column is reported once, naming the columns it has.

import type { AsyncBuffer } from 'hyparquet';
import type { DocumentMeta, ReadItem } from '../document.js';

export interface ParquetReaderOptions {
  textField?: string;
  idField?: string;
}

/** Random access to a file's bytes: [start, end). */
export type ReadRange = (start: number, end: number) => Promise<ArrayBuffer>;

export async function* parquetDocuments(
  source: string,
  size: number,
  read: ReadRange,
  opts: ParquetReaderOptions = {},
): AsyncGenerator<ReadItem> {
  const textField = opts.textField ?? 'text';
  const idField = opts.idField ?? 'id';
  // The reader and its decompressors load with the first parquet file, not with this module.
  const [{ parquetMetadataAsync, parquetReadObjects, parquetSchema }, { compressors }] = await Promise.all([
    import('hyparquet'),
    import('hyparquet-compressors'),
  ]);
  const file: AsyncBuffer = { byteLength: size, slice: (start, end) => read(start, end ?? size) };
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    yield issue(source, 0, 'bad_parquet', `not a readable parquet file (${(e as Error).message}); skipped`);
    return;
  }
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  if (!columns.includes(textField)) {
    yield issue(
      source,
      undefined,
      'missing_text',
      `no column "${textField}" (it has ${columns.join(', ')}; choose the text column by name); skipped`,
    );
    return;
  }
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    const rowEnd = rowStart + rows;
    let objects: Record<string, unknown>[];
    try {
      objects = await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors });
    } catch (e) {
      const offset = Number(group.columns[0]?.meta_data?.data_page_offset ?? group.file_offset ?? 0);
      yield issue(
        source,
        offset,
        'bad_row_group',
        `rows ${rowStart}–${rowEnd - 1} could not be decoded (${(e as Error).message}); skipped`,
      );
      rowStart = rowEnd;
      continue;
    }
    for (let i = 0; i < objects.length; i++) {
      const row = objects[i];
      const text = row[textField];
      const rowNo = rowStart + i;
      if (typeof text !== 'string') {
        yield {
          kind: 'issue',
          source,
          reason: 'missing_text',
          message: `row ${rowNo}: no text in "${textField}"; skipped`,
        };
        continue;
      }
      const id = row[idField];
      const url = row.url;
      const meta: DocumentMeta = {};
      for (const [k, v] of Object.entries(row)) if (k !== textField) meta[k] = scalar(v);
      yield {
        id:
          typeof id === 'string' || typeof id === 'number' || typeof id === 'bigint'
            ? String(id)
            : `${source}#${rowNo}`,
        text,
        source,
        ...(typeof url === 'string' ? { url } : {}),
        meta,
      };
    }
    rowStart = rowEnd;
  }
}

function scalar(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
}

function issue(source: string, offset: number | undefined, reason: string, message: string): ReadItem {
  return { kind: 'issue', source, offset, reason, message };
}

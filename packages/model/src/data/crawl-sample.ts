// A Common Crawl-like WARC file made from clean documents, seeded, for the benchmark, the Data
// page's sample and demos: each document becomes an HTML page in a site's chrome (noise.ts's
// htmlPage) served as a `response` record after its `request`, in one gzip member per record as
// Common Crawl writes them, with a warcinfo record first; some pages come twice under another URL
// (exact copies), some are near copies (noise.ts), some are images, redirects or in other
// languages, and one in fifty sits on a blocked domain of the example URL list. Written with
// warcio's serializer. Not a model of the real web: the proportions are knobs.

import type { WARCRecord } from 'warcio';
import { concatBytes } from '../tokenizer/utf8.js';
import { Random } from '../util/random.js';
import { changeOneWord, htmlPage } from './noise.js';

export interface CrawlSampleOptions {
  seed?: number;
  /** Share of pages served again under another URL. Default 0.05. */
  copies?: number;
  /** Share of pages with one word changed under another URL. Default 0.05. */
  nearCopies?: number;
  /** Share of records that are images or redirects, not pages. Default 0.1. */
  other?: number;
  /** Gzip each record (a .warc.gz). Default true. */
  gzip?: boolean;
}

const FOREIGN = [
  `Die Stadtverwaltung hat am Dienstag mitgeteilt, dass die alte Brücke über den Fluss im kommenden Frühjahr vollständig saniert werden soll. Nach Angaben des Bürgermeisters wurden die Arbeiten bereits im vergangenen Jahr ausgeschrieben, doch erst jetzt habe sich ein geeignetes Unternehmen gefunden. Während der Bauzeit wird der Verkehr über eine Umleitung durch die Innenstadt geführt.`,
  `Le conseil municipal a annoncé mardi que le vieux pont sur la rivière serait entièrement rénové au printemps prochain. Selon le maire, les travaux avaient déjà été proposés l'année dernière, mais aucune entreprise qualifiée n'avait répondu à l'appel d'offres. Pendant le chantier, la circulation sera déviée par le centre-ville.`,
  `El ayuntamiento anunció el martes que el viejo puente sobre el río será renovado por completo la próxima primavera. Según el alcalde, las obras ya se habían licitado el año pasado, pero hasta ahora no se había encontrado una empresa adecuada. Durante las obras, el tráfico se desviará por el centro de la ciudad.`,
];

/** WARC bytes of a crawl of the documents' pages (and the noise above). */
export async function crawlSample(
  docs: readonly { id: string; text: string }[],
  opts: CrawlSampleOptions = {},
): Promise<Uint8Array> {
  const { WARCRecord, WARCSerializer } = await import('warcio');
  const rng = new Random(opts.seed ?? 1);
  const { copies = 0.05, nearCopies = 0.05, other = 0.1, gzip = true } = opts;
  const parts: Uint8Array[] = [];
  const put = async (record: WARCRecord) => parts.push(await WARCSerializer.serialize(record, { gzip }));
  const body = (s: string | Uint8Array) =>
    (async function* () {
      yield typeof s === 'string' ? new TextEncoder().encode(s) : s;
    })();
  const page = async (
    url: string,
    html: string | Uint8Array,
    contentType = 'text/html; charset=utf-8',
    status = '200 OK',
  ) => {
    await put(
      WARCRecord.create(
        {
          url,
          type: 'request',
          warcVersion: 'WARC/1.1',
          httpHeaders: {},
          statusline: `GET ${new URL(url).pathname} HTTP/1.1`,
        },
        body(''),
      ),
    );
    await put(
      WARCRecord.create(
        {
          url,
          type: 'response',
          warcVersion: 'WARC/1.1',
          statusline: `HTTP/1.1 ${status}`,
          httpHeaders: { 'Content-Type': contentType },
        },
        body(html),
      ),
    );
  };
  await put(
    WARCRecord.create(
      {
        type: 'warcinfo',
        warcVersion: 'WARC/1.1',
        warcHeaders: { 'Content-Type': 'application/warc-fields' },
      },
      body('software: glassbox crawlSample\r\nformat: WARC File Format 1.1\r\n'),
    ),
  );
  const site = (i: number) => `https://site${i % 7}.example/${i}`;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    const url = i % 50 === 49 ? `https://www.casino.example/${d.id}` : `${site(i)}/${d.id}`;
    await page(url, htmlPage(d.id, d.text));
    if (rng.next() < copies) await page(`https://mirror.example/${d.id}`, htmlPage(d.id, d.text));
    if (rng.next() < nearCopies)
      await page(`https://copy.example/${d.id}`, htmlPage(d.id, changeOneWord(d.text, rng)));
    if (rng.next() < other) {
      if (rng.next() < 0.5)
        await page(`${site(i)}/logo${i}.png`, new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), 'image/png');
      else await page(`${site(i)}/old${i}`, '', 'text/html', '301 Moved Permanently');
    }
    if (i % 40 === 20)
      await page(`https://foreign.example/${i}`, htmlPage(`p${i}`, FOREIGN[((i / 40) % FOREIGN.length) | 0]));
  }
  return concatBytes(parts);
}

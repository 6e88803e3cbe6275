// The data of a byte-level BPE: each token's bytes, and the merge table that says which adjacent
// pair of tokens merges into which token, with what priority (rank; lower merges first). Two ways
// to build the table, matching the two families of files:
// - from an ordered merges list (Hugging Face, and our trainer): merge r joins exactly that pair;
// - from ranks alone (tiktoken, GPT-2's r50k_base): any two tokens whose bytes concatenate to a
//   token merge, with that token's rank, exactly as tiktoken's encoder decides.
// Special tokens have no bytes here; bpe.ts handles them.

import { GlassboxError } from '../util/errors.js';
import { BYTE_CHAR, bytesToTokenText } from './bytes.js';

/** Ids and ranks stay below 2^21, so (left, right) and (rank, id) each pack into one safe integer. */
export const ID_LIMIT = 2 ** 21;

export function pairKey(left: number, right: number): number {
  return left * ID_LIMIT + right;
}

export class BpeModel {
  /** Bytes of each ordinary token by id; undefined at ids that belong to special tokens. */
  readonly tokenBytes: readonly (Uint8Array | undefined)[];
  /** Vocabulary-file text of each ordinary token ("Ġthe"). */
  readonly tokenText: readonly (string | undefined)[];
  /** Token id of each single byte. */
  readonly byteIds: Int32Array;
  /** pairKey(left, right) → rank · ID_LIMIT + merged id. Smaller value = merges first. */
  readonly merges: Map<number, number>;
  /** The ordered merges list, when the model was built from one. */
  readonly mergeList: readonly (readonly [number, number])[] | undefined;
  readonly textIds: Map<string, number>;

  private constructor(tokenBytes: (Uint8Array | undefined)[], mergeList?: (readonly [number, number])[]) {
    if (tokenBytes.length >= ID_LIMIT)
      throw new GlassboxError(`vocabulary too large (${tokenBytes.length} ids)`);
    this.tokenBytes = tokenBytes;
    this.tokenText = tokenBytes.map((b) => (b ? bytesToTokenText(b) : undefined));
    this.textIds = new Map();
    this.tokenText.forEach((t, id) => {
      if (t === undefined) return;
      if (this.textIds.has(t)) throw new GlassboxError(`token "${t}" appears twice in the vocabulary`);
      this.textIds.set(t, id);
    });
    this.byteIds = new Int32Array(256);
    for (let b = 0; b < 256; b++) {
      const id = this.textIds.get(BYTE_CHAR[b]);
      if (id === undefined) {
        throw new GlassboxError(
          `the vocabulary lacks the single byte 0x${b.toString(16)} ("${BYTE_CHAR[b]}")`,
        );
      }
      this.byteIds[b] = id;
    }
    this.merges = new Map();
    this.mergeList = mergeList;
  }

  /** From an ordered merges list of (left, right) ids; each merge's result must be in the vocabulary. */
  static fromMerges(
    tokenBytes: (Uint8Array | undefined)[],
    mergeList: (readonly [number, number])[],
  ): BpeModel {
    const m = new BpeModel(tokenBytes, mergeList);
    mergeList.forEach(([a, b], rank) => {
      const ta = m.tokenText[a];
      const tb = m.tokenText[b];
      const id = ta !== undefined && tb !== undefined ? m.textIds.get(ta + tb) : undefined;
      if (id === undefined)
        throw new GlassboxError(`merge ${rank} (${ta} + ${tb}) makes a token not in the vocabulary`);
      const key = pairKey(a, b);
      if (!m.merges.has(key)) m.merges.set(key, rank * ID_LIMIT + id);
    });
    return m;
  }

  /** From ranks alone (id = rank), the tiktoken way: every split of a token into two tokens merges. */
  static fromRanks(tokenBytes: (Uint8Array | undefined)[]): BpeModel {
    const m = new BpeModel(tokenBytes);
    m.tokenText.forEach((text, id) => {
      if (text === undefined) return;
      for (let k = 1; k < text.length; k++) {
        const a = m.textIds.get(text.slice(0, k));
        const b = m.textIds.get(text.slice(k));
        if (a !== undefined && b !== undefined) m.merges.set(pairKey(a, b), id * ID_LIMIT + id);
      }
    });
    return m;
  }

  /** The merge that joins `left` and `right`: packed rank and id, or undefined. */
  merge(left: number, right: number): number | undefined {
    return this.merges.get(pairKey(left, right));
  }
}

// The files that make a glassbox checkpoint read in the Hugging Face ecosystem exactly as it runs
// here, beside config.json and model.safetensors:
// - the special-token ids (config.json and generation_config.json): the end token a model stops
//   at — the chat template's <|end|> for a fine-tune that has it, else <|endoftext|> — and the
//   beginning token (<|endoftext|>, GPT-2's convention); null when the tokenizer has none (a
//   character-level model), never transformers' default 50256, which may not exist in our vocab;
// - tokenizer_config.json for every tokenizer, with tokenizer_class PreTrainedTokenizerFast:
//   AutoTokenizer then loads tokenizer.json as it is (normalizer, pre-tokenizer, model, decoder).
//   Without it AutoTokenizer takes the class of model_type "gpt2", whose byte-level pipeline would
//   be laid over a character or word vocabulary (transformers v5 builds that pipeline itself) and
//   would lose spaces. clean_up_tokenization_spaces is false so decoding returns the text exactly.
//   A tokenizer with the chat tokens also carries the chat template.

import type { Tokenizer } from '../tokenizer/types.js';

/** The chat template's tokens as finetune/chat-template.ts defines them (kept here to avoid a cycle). */
const CHAT_END = '<|end|>';
const EOT = '<|endoftext|>';

export interface SpecialIds {
  bos: number | null;
  eos: number | null;
  /** Their texts (null where absent). */
  bosToken: string | null;
  eosToken: string | null;
}

/** The beginning and end tokens of a tokenizer (none without a tokenizer). */
export function specialIds(tokenizer?: Tokenizer): SpecialIds {
  const s = tokenizer?.specialTokens;
  const eosToken = s?.has(CHAT_END) ? CHAT_END : s?.has(EOT) ? EOT : null;
  const bosToken = s?.has(EOT) ? EOT : null;
  return {
    bos: bosToken === null ? null : s!.get(bosToken)!,
    eos: eosToken === null ? null : s!.get(eosToken)!,
    bosToken,
    eosToken,
  };
}

/** generation_config.json: the ids generation starts from and stops at. */
export function generationConfigJSON(ids: SpecialIds): Record<string, unknown> {
  return { bos_token_id: ids.bos, eos_token_id: ids.eos, pad_token_id: ids.eos };
}

/** tokenizer_config.json for any glassbox tokenizer (`chatTemplate` for one with the chat tokens). */
export function tokenizerConfigJSON(
  tokenizer: Tokenizer,
  blockSize: number,
  chatTemplate?: string,
): Record<string, unknown> {
  const ids = specialIds(tokenizer);
  const added: Record<string, unknown> = {};
  for (const [content, id] of [...tokenizer.specialTokens].sort((a, b) => a[1] - b[1])) {
    added[String(id)] = {
      content,
      lstrip: false,
      normalized: false,
      rstrip: false,
      single_word: false,
      special: true,
    };
  }
  const unk = tokenizer.specialTokens.has('<unk>') ? '<unk>' : null;
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    model_max_length: blockSize,
    clean_up_tokenization_spaces: false,
    add_prefix_space: false,
    bos_token: ids.bosToken,
    eos_token: ids.eosToken,
    unk_token: unk,
    pad_token: ids.eosToken,
    added_tokens_decoder: added,
    ...(chatTemplate ? { chat_template: chatTemplate } : {}),
  };
}

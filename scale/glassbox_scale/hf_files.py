"""The small Hugging Face files of a checkpoint that say how to tokenize and where text ends.

These mirror packages/model/src/checkpoint/hub-files.ts byte for byte (keep the two in step):
- the special-token ids, in config.json and generation_config.json: the end token is the chat
  template's <|end|> when the tokenizer has it, else <|endoftext|>; the beginning token is
  <|endoftext|> (GPT-2's convention); None (JSON null) when the tokenizer has neither, never
  transformers' default 50256;
- tokenizer_config.json (tokenizer_class PreTrainedTokenizerFast, so AutoTokenizer loads
  tokenizer.json as it is) with every special token in added_tokens_decoder.
Not handled: chat templates (fine-tuning in glassbox adds them).
"""

from .jsjson import stringify

EOT = "<|endoftext|>"
CHAT_END = "<|end|>"


def special_tokens(tokenizer_json: dict) -> dict[str, int]:
    """content → id of tokenizer.json's added tokens."""
    return {t["content"]: t["id"] for t in tokenizer_json.get("added_tokens") or [] if isinstance(t, dict) and "content" in t}


def special_ids(specials: dict[str, int]) -> dict:
    eos_token = CHAT_END if CHAT_END in specials else EOT if EOT in specials else None
    bos_token = EOT if EOT in specials else None
    return {
        "bos": None if bos_token is None else specials[bos_token],
        "eos": None if eos_token is None else specials[eos_token],
        "bos_token": bos_token,
        "eos_token": eos_token,
    }


def hf_files(tokenizer_json: dict, n_positions: int) -> dict[str, bytes]:
    specials = special_tokens(tokenizer_json)
    ids = special_ids(specials)
    added = {
        str(i): {"content": c, "lstrip": False, "normalized": False, "rstrip": False, "single_word": False, "special": True}
        for c, i in sorted(specials.items(), key=lambda e: e[1])
    }
    tok = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": n_positions,
        "clean_up_tokenization_spaces": False,
        "add_prefix_space": False,
        "bos_token": ids["bos_token"],
        "eos_token": ids["eos_token"],
        "unk_token": "<unk>" if "<unk>" in specials else None,
        "pad_token": ids["eos_token"],
        "added_tokens_decoder": added,
    }
    gen = {"bos_token_id": ids["bos"], "eos_token_id": ids["eos"], "pad_token_id": ids["eos"]}
    return {
        "tokenizer_config.json": (stringify(tok, 2) + "\n").encode(),
        "generation_config.json": (stringify(gen, 2) + "\n").encode(),
    }

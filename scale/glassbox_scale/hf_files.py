"""The small Hugging Face files of a checkpoint that say how to tokenize and where text ends.

tokenizer_config.json lets transformers' AutoTokenizer load tokenizer.json as it is
(PreTrainedTokenizerFast) and names the end-of-text token; generation_config.json gives its id
as bos/eos, so generation stops there. Both are built from tokenizer.json's added_tokens and the
shards' end-of-text id. These mirror what glassbox's own checkpoint writer emits; keep the two in
step (this file is the only place to change). Not handled: chat templates (fine-tuning adds them).
"""

from .jsjson import stringify

EOT = "<|endoftext|>"


def special_tokens(tokenizer_json: dict) -> dict[str, int]:
    return {t["content"]: t["id"] for t in tokenizer_json.get("added_tokens") or [] if isinstance(t, dict) and "content" in t}


def hf_files(tokenizer_json: dict, n_positions: int) -> dict[str, bytes]:
    specials = special_tokens(tokenizer_json)
    eot = specials.get(EOT)
    tok = {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": n_positions}
    if eot is not None:
        tok.update({"bos_token": EOT, "eos_token": EOT})
    gen = {"bos_token_id": eot, "eos_token_id": eot} if eot is not None else {}
    return {
        "tokenizer_config.json": (stringify(tok, 2) + "\n").encode(),
        "generation_config.json": (stringify(gen, 2) + "\n").encode(),
    }

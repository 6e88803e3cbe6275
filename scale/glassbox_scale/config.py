"""The GPT's shape and its config.json, read and written as glassbox does.

`ModelConfig` holds nanoGPT's five numbers plus LayerNorm's epsilon. `from_hf` reads a Hugging
Face GPT2Config (a glassbox or Hub config.json): a missing key takes GPT2Config's default, and every
key that changes the computation is honoured or refused by name, so a model never trains as
something it is not. `to_hf` writes glassbox's config.json fields in glassbox's order (see
packages/model/src/gpt/config.ts: toHuggingFaceConfig), so the folder reads the same in glassbox
and transformers. Not handled: dropout (glassbox trains without it; rates are read and ignored).
"""

from dataclasses import dataclass

from .errors import ScaleError

TANH_GELU = ("gelu_new", "gelu_pytorch_tanh", "gelu_fast")

# GPT2Config's defaults for the keys that shape the computation.
HF_DEFAULTS = {
    "vocab_size": 50257,
    "n_positions": 1024,
    "n_embd": 768,
    "n_layer": 12,
    "n_head": 12,
    "layer_norm_epsilon": 1e-5,
    "activation_function": "gelu_new",
    "scale_attn_weights": True,
    "scale_attn_by_inverse_layer_idx": False,
    "reorder_and_upcast_attn": False,
    "add_cross_attention": False,
    "tie_word_embeddings": True,
}


@dataclass(frozen=True)
class ModelConfig:
    vocab_size: int
    n_positions: int  # block size: wpe has this many rows
    n_layer: int
    n_head: int
    n_embd: int  # C, divisible by n_head
    layer_norm_epsilon: float = 1e-5

    def validate(self, where: str = "config") -> "ModelConfig":
        for key in ("vocab_size", "n_positions", "n_layer", "n_head", "n_embd"):
            v = getattr(self, key)
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                raise ScaleError(f"{key} must be a positive integer, got {v!r}", where)
        if self.n_embd % self.n_head:
            raise ScaleError(f"n_embd ({self.n_embd}) must be divisible by n_head ({self.n_head})", where)
        if not self.layer_norm_epsilon >= 0:
            raise ScaleError(f"layer_norm_epsilon must be ≥ 0, got {self.layer_norm_epsilon}", where)
        return self


def from_hf(j: dict, where: str = "config.json") -> ModelConfig:
    """Reads a GPT2Config object, refusing what this GPT-2 cannot run."""
    if not isinstance(j, dict):
        raise ScaleError("not a JSON object", where)
    if j.get("model_type", "gpt2") != "gpt2":
        raise ScaleError(f'model_type is "{j["model_type"]}"; only GPT-2 models are supported', where)
    g = {**HF_DEFAULTS, **{k: v for k, v in j.items() if v is not None or k == "n_inner"}}
    refusals = [
        (g["activation_function"] not in TANH_GELU, f'activation_function "{g["activation_function"]}" is not supported (gelu_new only)'),
        (g.get("n_inner") not in (None, 4 * g["n_embd"]), f"n_inner {g.get('n_inner')} is not 4·n_embd; only the standard MLP is supported"),
        (g["tie_word_embeddings"] is False, "untied output heads are not supported"),
        (g["scale_attn_weights"] is False, "scale_attn_weights: false is not supported"),
        (g["scale_attn_by_inverse_layer_idx"] is True, "scale_attn_by_inverse_layer_idx: true is not supported"),
        (g["reorder_and_upcast_attn"] is True, "reorder_and_upcast_attn: true is not supported"),
        (g["add_cross_attention"] is True, "add_cross_attention: true is not supported (a language model has none)"),
    ]
    for bad, message in refusals:
        if bad:
            raise ScaleError(message, where)
    for key in ("vocab_size", "n_positions", "n_layer", "n_head", "n_embd"):
        if not isinstance(g[key], int) or isinstance(g[key], bool):
            raise ScaleError(f'"{key}" must be an integer, got {g[key]!r}', where)
    eps = g["layer_norm_epsilon"]
    if not isinstance(eps, (int, float)) or isinstance(eps, bool):
        raise ScaleError(f'"layer_norm_epsilon" must be a number, got {eps!r}', where)
    return ModelConfig(g["vocab_size"], g["n_positions"], g["n_layer"], g["n_head"], g["n_embd"], float(eps)).validate(where)


def to_hf(c: ModelConfig, bos: int | None = None, eos: int | None = None) -> dict:
    """config.json as glassbox writes it (its toHuggingFaceConfig, the special-token ids of
    hf_files.special_ids, then the "glassbox" block)."""
    return {
        "architectures": ["GPT2LMHeadModel"],
        "model_type": "gpt2",
        "vocab_size": c.vocab_size,
        "n_positions": c.n_positions,
        "n_ctx": c.n_positions,
        "n_embd": c.n_embd,
        "n_layer": c.n_layer,
        "n_head": c.n_head,
        "n_inner": None,
        "activation_function": "gelu_new",
        "layer_norm_epsilon": c.layer_norm_epsilon,
        "resid_pdrop": 0,
        "embd_pdrop": 0,
        "attn_pdrop": 0,
        "initializer_range": 0.02,
        "tie_word_embeddings": True,
        "scale_attn_weights": True,
        "torch_dtype": "float32",
        "bos_token_id": bos,
        "eos_token_id": eos,
        "glassbox": {"format": 1},
    }


def param_names(c: ModelConfig) -> list[tuple[str, list[int]]]:
    """glassbox's parameter list in its fixed order (params.ts: paramSpecs), without "transformer."."""
    C = c.n_embd
    names = [("wte.weight", [c.vocab_size, C]), ("wpe.weight", [c.n_positions, C])]
    for layer in range(c.n_layer):
        h = f"h.{layer}"
        names += [
            (f"{h}.ln_1.weight", [C]), (f"{h}.ln_1.bias", [C]),
            (f"{h}.attn.c_attn.weight", [C, 3 * C]), (f"{h}.attn.c_attn.bias", [3 * C]),
            (f"{h}.attn.c_proj.weight", [C, C]), (f"{h}.attn.c_proj.bias", [C]),
            (f"{h}.ln_2.weight", [C]), (f"{h}.ln_2.bias", [C]),
            (f"{h}.mlp.c_fc.weight", [C, 4 * C]), (f"{h}.mlp.c_fc.bias", [4 * C]),
            (f"{h}.mlp.c_proj.weight", [4 * C, C]), (f"{h}.mlp.c_proj.bias", [C]),
        ]
    return names + [("ln_f.weight", [C]), ("ln_f.bias", [C])]

"""The bundled sentence model run in plain torch: a BERT encoder, mean pooling, L2 normalisation.

``all-MiniLM-L6-v2`` is a six-layer BERT whose sentence vector is the mean of its last hidden states
over the real tokens, normalised. Run here from its own files (``model.safetensors``,
``tokenizer.json``, the sentence-transformers configs) with torch, ``safetensors`` and ``tokenizers``
only, it gives the vectors ``SentenceTransformer.encode`` gives (tests/test_embed.py checks them to
1e-5) without importing sentence-transformers and transformers, which take longer to import than
torch and the model together: the model is ready in 2 s instead of 8.5 s on this project's machine.

``BertEncoder.fits(path)`` says whether a model directory has this plain layout; anything else is
loaded with sentence-transformers (``compare.embed.embedder.load_model``).
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

__all__ = ["BertEncoder"]

_PLAIN_LAYOUT = ["sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling",
                 "sentence_transformers.models.Normalize"]


def _read(path: Path) -> dict | list:
    return json.loads(path.read_text(encoding="utf-8"))


class BertEncoder:
    def __init__(self, path: Path):
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer
        self._torch = torch
        cfg = _read(path / "config.json")
        st_cfg = _read(path / "sentence_bert_config.json")
        self.max_length = int(st_cfg.get("max_seq_length", 256))
        self.lower = bool(st_cfg.get("do_lower_case", False))
        self.heads = int(cfg["num_attention_heads"])
        self.layers = int(cfg["num_hidden_layers"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        self.dim = int(cfg["hidden_size"])
        self.w = {k.removeprefix("bert."): v.float() for k, v in load_file(str(path / "model.safetensors")).items()}
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=self.max_length)
        self.tokenizer.enable_padding(pad_id=int(cfg.get("pad_token_id", 0)), pad_token="[PAD]")

    @staticmethod
    def fits(path: Path) -> bool:
        """Whether ``path`` holds a BERT sentence model of the plain layout this class runs."""
        try:
            modules = _read(path / "modules.json")
            pooling = _read(path / "1_Pooling" / "config.json")
            cfg = _read(path / "config.json")
            _read(path / "sentence_bert_config.json")
        except (OSError, ValueError):
            return False
        modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v}
        return ([m.get("type") for m in modules] == _PLAIN_LAYOUT and modes == {"pooling_mode_mean_tokens"}
                and cfg.get("model_type") == "bert" and cfg.get("hidden_act") == "gelu"
                and cfg.get("position_embedding_type", "absolute") == "absolute"
                and (path / "model.safetensors").is_file() and (path / "tokenizer.json").is_file())

    # -- the network ------------------------------------------------------------------------------
    def _linear(self, x, name: str):
        return self._torch.nn.functional.linear(x, self.w[name + ".weight"], self.w[name + ".bias"])

    def _norm(self, x, name: str):
        return self._torch.nn.functional.layer_norm(x, (self.dim,), self.w[name + ".weight"],
                                                    self.w[name + ".bias"], self.eps)

    def _forward(self, ids, types, mask):
        torch, F, w = self._torch, self._torch.nn.functional, self.w
        n, length = ids.shape
        pos = torch.arange(length).unsqueeze(0)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][pos] \
            + w["embeddings.token_type_embeddings.weight"][types]
        x = self._norm(x, "embeddings.LayerNorm")
        head = self.dim // self.heads
        bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min   # padding: no attention

        def split(t):               # (n, length, dim) → (n, heads, length, head)
            return t.view(n, length, self.heads, head).transpose(1, 2)

        for k in range(self.layers):
            p = f"encoder.layer.{k}."
            q = split(self._linear(x, p + "attention.self.query"))
            kk = split(self._linear(x, p + "attention.self.key"))
            v = split(self._linear(x, p + "attention.self.value"))
            att = torch.softmax(q @ kk.transpose(-1, -2) / math.sqrt(head) + bias, dim=-1)
            ctx = (att @ v).transpose(1, 2).reshape(n, length, self.dim)
            x = self._norm(self._linear(ctx, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            h = F.gelu(self._linear(x, p + "intermediate.dense"))
            x = self._norm(self._linear(h, p + "output.dense") + x, p + "output.LayerNorm")
        return x

    def encode(self, texts: list[str], batch_size: int = 16, **_) -> np.ndarray:
        """Normalised sentence vectors in order; texts run longest first, ``batch_size`` at a time (as
        sentence-transformers does, so each batch pads little)."""
        torch = self._torch
        texts = [t.strip().lower() if self.lower else t.strip() for t in texts]
        order = sorted(range(len(texts)), key=lambda k: -len(texts[k]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                idx = order[start:start + batch_size]
                enc = self.tokenizer.encode_batch([texts[k] for k in idx])
                ids = torch.tensor([e.ids for e in enc])
                types = torch.tensor([e.type_ids for e in enc])
                mask = torch.tensor([e.attention_mask for e in enc])
                hidden = self._forward(ids, types, mask)
                m = mask.unsqueeze(-1).to(hidden.dtype)
                vecs = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
                out[idx] = torch.nn.functional.normalize(vecs, p=2, dim=1).numpy()
        return out

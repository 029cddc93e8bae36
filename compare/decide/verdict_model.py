"""The learned verdict model: a logistic regression over the sentence features of ``check.FEATURES``.

Weights live in ``compare/data/verdict_model.json``, rebuilt by ``python bench/train.py`` (fitted on
``shared/data/train/``, never on the news development sets it is judged on). The file records the
features, standardisation, coefficients, the decision threshold and the figures it was chosen on.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ModelError

__all__ = ["VerdictModel", "load_verdict_model", "MODEL_PATH"]

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "verdict_model.json"


@dataclass(frozen=True)
class VerdictModel:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    meta: dict

    def probability(self, feats: dict[str, float]) -> float:
        """Probability that the sentence holds unsupported or conflicting content."""
        z = self.intercept
        for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef):
            z += c * ((feats.get(name, 0.0) - m) / s)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def to_json(self) -> str:
        return json.dumps({"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                           "coef": list(self.coef), "intercept": self.intercept, "threshold": self.threshold,
                           "meta": self.meta}, indent=1, sort_keys=True)


@lru_cache(maxsize=4)
def load_verdict_model(path: str | Path = MODEL_PATH) -> VerdictModel:
    try:
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        return VerdictModel(tuple(d["features"]), tuple(d["mean"]), tuple(d["scale"]), tuple(d["coef"]),
                            float(d["intercept"]), float(d["threshold"]), d.get("meta", {}))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot read the verdict model {path} ({exc}); rebuild it with `python bench/train.py`") from None

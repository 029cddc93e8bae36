"""The wire archive at scale (issue 24): build archives of 10k, 100k and 1M stories through the
``compare.archive.Archive`` API and measure build time, disk size, memory, ``find`` latency and
whether ``find`` returns the true source of an article.

    python bench/archive.py                              # 10,000 and 100,000 stories
    python bench/archive.py --sizes 1000000              # one 1M-story archive (about an hour here)
    python bench/archive.py --sizes 2000 --json out.json # a quick look; figures also as JSON

Each size is its own run in its own processes: ``build`` (``Archive.add`` in batches; its resident
peak), then ``query`` (open the archive, ``find`` every article; its resident peak), then the
baselines. The archives live under a temporary folder (``--tmp``, default the system's) and are
deleted afterwards.

**The articles** (``bench/archive/``): 59 wire passages of FactCG's news file (MIT) and 110 articles
written by hand from them: 40 faithful rewrites, 40 drifted ones (a figure or name changed, a claim
added, a hedge stated as fact) and 30 drawn from two stories; plus 59 verbatim copies made here, one
per source, in turn the whole story, its first two thirds, and the story with agency boilerplate
around it. The 59 sources are in every archive, spread evenly through the build. Two kinds nobody
on this project wrote (``claim_articles``): FactCG's own supported claims about each source passage
joined as one article (57), and the claims of two sources drawn at random (120).

**The other stories are synthetic.** Their sentences come from the shared training texts: FactCG's
news passages (every variant of a source passage left out, with its sentences), SummEdits'
non-news documents (cut into runs of eight sentences) and the MNLI/FEVER premises of the NLI file,
split by the tool's own segmenter. Each sentence holding a figure also gets two variants with its
numbers redrawn (same number of digits). Story k takes a run of 4-9 consecutive sentences of one base
text (in turn), swaps each for one of its figure variants with probability 0.3, replaces one or two
with a sentence of another base text or a premise with probability 0.5, and is written out joined by
spaces; a text already made is made again with another draw, so no two stories are the same text.

What that does to realism: a 1M-story archive built this way holds about 2,500 base texts each
recombined hundreds of times, so the same sentence appears in many stories, far more than in a real
wire archive. That makes the task *harder* for lexical and sentence-level retrieval (hundreds of
near-copies of every filler passage, each differing by a figure or a sentence) and the distractors
are topically close to each other, but the true sources themselves are unique texts. It makes the
build *cheaper* than a real one to embed: only the pool of distinct sentences (about 60,000) goes
through the model, once, and is cached in ``bench/.cache``; the build passes ``encode=`` a lookup in
those vectors (a sentence it has not seen goes to the real model and is counted as a miss), so the
build time reported is the archive's own work (segmenting, storing, indexing) plus lookups; the
embedding a real archive of N stories would need is N x ~8 sentences at the measured sentences per
second, reported separately as a projection.

Baselines, in the same run over the same archive: exact search (numpy, the cosine of the article's
mean sentence vector with every story vector read back from the archive) and plain FTS5 BM25 (the
article's distinct content words OR-ed, ``ORDER BY rank``) on the archive's own full-text index.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import DATA, ROOT, read_jsonl, require_shared

HERE = Path(__file__).resolve().parent
SET = HERE / "archive"
CACHE = HERE / ".cache"
TRAIN = DATA / "train"
ENV = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
           PYTHONPATH=str(ROOT))
#: the hand-written kinds, then the two made from FactCG's own claims (``claim_articles``)
KINDS = ("verbatim", "faithful", "drifted", "two_source", "claims", "claims_two")
CLAIM_PAIRS = 120
WARM_UP = ("The council met on Monday to discuss the budget. Members argued over the cost of the new bridge. "
           "The mayor said the city could not afford delays. A vote is expected next month. "
           "Residents have complained about traffic for years. The bridge would open in 2027.")
SEED = 24
BOILER_HEAD = "LONDON (Wire) - "
BOILER_TAIL = ("\n\nReporting by staff; Editing by the desk.\n"
               "Copyright 2023 Wire. All rights reserved. Click here to subscribe to our newsletter.")


# -- the rewrite set -------------------------------------------------------------------------------
def load_set() -> tuple[list[dict], list[dict]]:
    """``(sources, articles)``; articles are ``{id, kind, sources, text}``, verbatim copies and the
    articles made of FactCG's claims included."""
    sources = read_jsonl(SET / "sources.jsonl")
    articles = []
    for k, s in enumerate(sources):
        sents = re.split(r"(?<=[.!?\"])\s+", s["text"].strip())
        form = k % 3
        text = (s["text"] if form == 0 else " ".join(sents[:max(2, 2 * len(sents) // 3)]) if form == 1
                else BOILER_HEAD + s["text"] + BOILER_TAIL)
        articles.append({"id": f"verbatim-{k:02d}", "kind": "verbatim", "sources": [s["id"]], "text": text})
    return sources, articles + read_jsonl(SET / "rewrites.jsonl") + claim_articles(sources)


def claim_articles(sources: list[dict]) -> list[dict]:
    """Articles nobody on this project wrote: FactCG's own supported claims about a source passage
    (one-sentence summaries written for that dataset), joined as one article per source (``claims``),
    and the claims of two sources drawn at random (seeded), one after the other (``claims_two``,
    ``CLAIM_PAIRS`` of them). Sources without a supported claim are left out."""
    said: dict[str, list[str]] = {}
    for row in read_jsonl(TRAIN / "factcg_news_claims.jsonl"):
        if row["supported"]:
            said.setdefault(row["document"].strip(), []).append(row["claim"].strip())
    have = [(s["id"], list(dict.fromkeys(said[s["text"].strip()]))) for s in sources if s["text"].strip() in said]
    out = [{"id": f"claims-{k:02d}", "kind": "claims", "sources": [i], "text": " ".join(c)}
           for k, (i, c) in enumerate(have)]
    rng, pairs = random.Random(7), set()
    while len(pairs) < min(CLAIM_PAIRS, len(have) * (len(have) - 1) // 2):
        a, b = rng.sample(range(len(have)), 2)
        if (b, a) not in pairs and (a, b) not in pairs:
            pairs.add((a, b))
            out.append({"id": f"claims2-{len(pairs) - 1:03d}", "kind": "claims_two",
                        "sources": [have[a][0], have[b][0]], "text": " ".join(have[a][1] + have[b][1])})
    return out


# -- the synthetic stories ---------------------------------------------------------------------------
def _story_groups(docs: list[str]) -> list[int]:
    """Group FactCG passages that share a sentence (the file's edited variants of one passage)."""
    parent = list(range(len(docs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    owner: dict[str, int] = {}
    for i, d in enumerate(docs):
        for s in re.split(r"(?<=[.!?\"])\s+", d):
            key = s.strip().lower()
            if len(key) >= 30:
                if key in owner:
                    parent[find(i)] = find(owner[key])
                else:
                    owner[key] = i
    return [find(i) for i in range(len(docs))]


def _vary_numbers(sentence: str, rng: random.Random) -> str:
    def redraw(m):
        digits = m.group(0)
        return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in digits[1:])
    return re.sub(r"(?<![\d.])\d+", redraw, sentence)


class Pool:
    """The distinct sentences filler stories are made of, grouped by base text."""

    def __init__(self, source_texts: list[str]):
        from compare.text.segment import segment
        rng = random.Random(SEED)
        docs = list(dict.fromkeys(r["document"] for r in read_jsonl(TRAIN / "factcg_news_claims.jsonl")))
        groups = _story_groups(docs)
        banned = {groups[i] for i, d in enumerate(docs) if d in set(source_texts)}
        missing = set(source_texts) - set(docs)
        if missing:
            sys.exit(f"bench: {len(missing)} source stories of bench/archive are not in the FactCG file")
        bases = [d for i, d in enumerate(docs) if groups[i] not in banned]
        self.excluded = len(docs) - len(bases)
        for r in {r["source_text"]: r for r in read_jsonl(TRAIN / "summedits_other_domains.jsonl")}.values():
            sents = [s.text for s in segment(r["source_text"]).content_sentences]
            bases += [" ".join(sents[k:k + 8]) for k in range(0, len(sents), 8) if len(sents[k:k + 8]) >= 4]
        premises = list(dict.fromkeys(r["premise"].strip() for r in read_jsonl(TRAIN / "nli_pairs.jsonl")))
        index: dict[str, int] = {}
        self.sentences: list[str] = []

        def add(t: str) -> int:
            if t not in index:
                index[t] = len(self.sentences)
                self.sentences.append(t)
            return index[t]
        self.bases = []                      # per base text: its sentences' pool numbers
        for b in bases:
            ids = [add(s.text) for s in segment(b).content_sentences if len(s.text) >= 20]
            if len(ids) >= 3:
                self.bases.append(ids)
        self.premises = [add(s.text) for p in premises if len(p) <= 400
                         for s in segment(p).content_sentences if len(s.text) >= 20]
        self.variants: dict[int, list[int]] = {}
        for i in {i for b in self.bases for i in b}:
            if re.search(r"\d", self.sentences[i]):
                self.variants[i] = [add(_vary_numbers(self.sentences[i], rng)) for _ in range(2)]

    def key(self) -> str:
        return hashlib.sha1("\n".join(self.sentences).encode()).hexdigest()[:12]

    def stories(self, n: int, seed: int = SEED):
        """``n`` distinct synthetic stories ``{id, text}``, made in order from a fixed seed."""
        rng = random.Random(seed)
        seen: set[bytes] = set()
        made = k = 0
        while made < n:
            base = self.bases[k % len(self.bases)]
            k += 1
            size = min(len(base), rng.randint(4, 9))
            at = rng.randint(0, len(base) - size)
            ids = [rng.choice(self.variants[i]) if i in self.variants and rng.random() < 0.3 else i
                   for i in base[at:at + size]]
            if rng.random() < 0.5:
                for _ in range(rng.randint(1, 2)):
                    other = (rng.choice(self.premises) if rng.random() < 0.3
                             else rng.choice(rng.choice(self.bases)))
                    ids[rng.randrange(len(ids))] = other
            text = "\n\n".join(self.sentences[i] for i in ids)
            h = hashlib.sha1(text.encode()).digest()
            if h in seen:
                continue
            seen.add(h)
            yield {"id": f"syn-{made:07d}", "text": text}
            made += 1


# -- the pool's vectors (the only model work of a build) --------------------------------------------
def embed_rate(texts: list[str], n: int = 2048) -> float:
    """Sentences per second of the tool's embedder (no cache) on ``n`` of ``texts``, measured now: the
    rate a real archive's build would embed at on this machine, beside the build's own figures."""
    from compare.embed.embedder import Embedder
    emb = Embedder(disk=None, cache_size=1)
    emb.encode(texts[:32])                                  # the model loaded, outside the timing
    sample = texts[::max(1, len(texts) // n)][:n]
    t0 = time.perf_counter()
    emb.encode(sample)
    return len(sample) / (time.perf_counter() - t0)


def pool_vectors(pool: Pool, sources: list[dict]) -> tuple[list[str], "np.ndarray", float]:
    """The vectors of the pool's sentences and of the sources' sentences, embedded once and kept in
    ``bench/.cache``; returns ``(texts, vectors, sentences per second of the embedder measured in this
    run)``."""
    import numpy as np
    from compare.text.segment import segment
    texts = list(dict.fromkeys(pool.sentences + [s.text for src in sources
                                                 for s in segment(src["text"]).content_sentences]))
    key = hashlib.sha1("\n".join(texts).encode()).hexdigest()[:12]
    path, meta = CACHE / f"archive-pool-{key}.npy", CACHE / f"archive-pool-{key}.json"
    if path.is_file() and meta.is_file():
        return texts, np.load(path), embed_rate(texts)
    from compare.embed.embedder import Embedder
    emb, out, t0 = Embedder(disk=None, cache_size=1), [], time.perf_counter()
    for k in range(0, len(texts), 2048):
        out.append(emb.encode(texts[k:k + 2048]).astype(np.float16))
        print(f"  pool: {k + len(out[-1]):,}/{len(texts):,} sentences embedded, "
              f"{time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    CACHE.mkdir(exist_ok=True)
    np.save(path, np.vstack(out))
    meta.write_text(json.dumps({"sentences": len(texts)}))
    return texts, np.load(path), embed_rate(texts)


class PoolEncoder:
    """``encode=`` for ``Archive.add``: pool sentences from their stored vectors, anything else
    through the real model (counted in ``misses``)."""

    def __init__(self, texts, vectors):
        self.index = {t: i for i, t in enumerate(texts)}
        self.vectors, self.misses, self._model = vectors, 0, None

    def __call__(self, texts: list[str]):
        import numpy as np
        rows = np.fromiter((self.index.get(t, -1) for t in texts), dtype=np.int64, count=len(texts))
        out = self.vectors[np.maximum(rows, 0)].astype(np.float32)
        miss = np.flatnonzero(rows < 0)
        if len(miss):
            if self._model is None:
                from compare.embed.embedder import Embedder
                self._model = Embedder(disk=None)
            out[miss] = self._model.encode([texts[i] for i in miss])
            self.misses += len(miss)
        return out


# -- measuring ----------------------------------------------------------------------------------------
def peak_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024


def disk_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def percentile(values: list[float], q: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))] if v else float("nan")


def recall(ranked: dict[str, list[str]], articles: list[dict]) -> dict:
    """Per kind: recall@1 (the top story is a true source) and recall@5 (every true source in the
    top 5: both of them for a two-source article)."""
    out = {}
    for kind in KINDS:
        arts = [a for a in articles if a["kind"] == kind and a["id"] in ranked]
        if arts:
            at1 = sum(bool(ranked[a["id"]]) and ranked[a["id"]][0] in a["sources"] for a in arts)
            at5 = sum(all(s in ranked[a["id"]][:5] for s in a["sources"]) for a in arts)
            any5 = sum(any(s in ranked[a["id"]][:5] for s in a["sources"]) for a in arts)
            out[kind] = {"n": len(arts), "r1": at1 / len(arts), "r5": at5 / len(arts), "r5_any": any5 / len(arts),
                         "missed": [a["id"] for a in arts if not all(s in ranked[a["id"]][:5] for s in a["sources"])]}
    return out


# -- the stages (each in its own process, so each peak memory is its own) ---------------------------
def stage_build(size: int, folder: Path, batch: int) -> dict:
    from compare.archive import Archive
    sources, _ = load_set()
    t0 = time.perf_counter()
    pool = Pool([s["text"] for s in sources])
    texts, vectors, per_s = pool_vectors(pool, sources)
    encode = PoolEncoder(texts, vectors)
    prep = time.perf_counter() - t0
    from compare.text.segment import segment
    sample = [len(segment(s["text"]).content_sentences) for s in pool.stories(2000, seed=SEED + 1)]
    at = {k * size // len(sources): s for k, s in enumerate(sources)}     # sources spread evenly
    fill = pool.stories(size - len(sources))

    def stream():
        for k in range(size):
            yield at[k] if k in at else next(fill)
    archive = Archive(folder / "archive.sqlite3")
    added = skipped = refused = 0
    t0 = last = time.perf_counter()
    chunk: list[dict] = []
    for k, story in enumerate(stream(), 1):
        chunk.append(story)
        if len(chunk) == batch or k == size:
            report = archive.add(chunk, encode=encode)
            added, skipped = added + report.added, skipped + report.skipped
            refused += len(report.refused) if isinstance(report.refused, (list, tuple, dict)) else report.refused
            chunk = []
            if time.perf_counter() - last > 30 or k == size:
                last = time.perf_counter()
                print(f"  build {size:,}: {k:,} stories, {k / (last - t0):,.0f}/s", file=sys.stderr, flush=True)
    build_s = time.perf_counter() - t0
    _close(archive)
    return {"size": size, "build_s": build_s, "stories_per_s": size / build_s, "prep_s": prep,
            "added": added, "skipped": skipped, "refused": refused, "encode_misses": encode.misses,
            "pool_sentences": len(texts), "embed_per_s": per_s,
            "sentences_per_story": sum(sample) / len(sample), "build_rss_mb": peak_rss_mb(),
            "disk_mb": disk_mb(folder)}


def _close(archive) -> None:
    close = getattr(archive, "close", None)
    if close:
        close()


def stage_query(folder: Path, k: int, bm25_per_kind: int | None) -> dict:
    from compare.archive import Archive
    _, articles = load_set()
    t0 = time.perf_counter()
    archive = Archive(folder / "archive.sqlite3")
    archive.find(WARM_UP, k=k)
    open_s = time.perf_counter() - t0
    cold, warm, ranked, shared, errors = [], [], {}, 0, {}
    for a in articles:                      # cold: the article's sentences go through the model
        t = time.perf_counter()
        try:
            found = archive.find(a["text"], k=k)
        except Exception as exc:            # noqa: BLE001  (a failing find is a figure: counted, named)
            errors[a["id"]] = f"{type(exc).__name__}: {exc}"
            ranked[a["id"]] = []
            continue
        cold.append(time.perf_counter() - t)
        ranked[a["id"]] = [s.id for s in found]
        shared += bool(found and found[0].shared)
    for a in articles:                      # warm: the article is embedded already (the cache holds it)
        if a["id"] in errors:
            continue
        t = time.perf_counter()
        archive.find(a["text"], k=k)
        warm.append(time.perf_counter() - t)
    out = {"open_s": open_s, "query_rss_mb": peak_rss_mb(), "recall": recall(ranked, articles),
           "cold_p50_ms": 1e3 * percentile(cold, .5), "cold_p95_ms": 1e3 * percentile(cold, .95),
           "warm_p50_ms": 1e3 * percentile(warm, .5), "warm_p95_ms": 1e3 * percentile(warm, .95),
           "top_with_shared": shared / len(articles), "errors": errors}
    _close(archive)
    print(f"  query: opened in {open_s:.1f} s, {len(articles)} articles found cold and warm in "
          f"{time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    out["baselines"] = baselines(folder / "archive.sqlite3", articles, k, bm25_per_kind)
    return out


def baselines(path: Path, articles: list[dict], k: int, bm25_per_kind: int | None) -> dict:
    """Exact cosine search over every story vector (numpy), and FTS5 BM25, on the archive's own file
    (BM25 on the first ``bm25_per_kind`` articles of each kind only, when given: an OR query over a
    million stories takes seconds)."""
    import numpy as np
    from common import content_tokens
    from compare.embed.embedder import get_embedder
    from compare.text.segment import segment
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    t0 = time.perf_counter()
    ids = dict(db.execute("SELECT n, id FROM stories"))
    rows = db.execute("SELECT story, vec FROM story_vectors ORDER BY story").fetchall()
    keys = np.array([r[0] for r in rows])
    matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float16).reshape(len(rows), -1).astype(np.float32)
    del rows
    load_s = time.perf_counter() - t0
    emb = get_embedder()
    exact, exact_ms, bm25, bm25_ms = {}, [], {}, []
    lexical = {a["id"] for a in articles if bm25_per_kind is None
               or a["id"] in {b["id"] for b in [x for x in articles if x["kind"] == a["kind"]][:bm25_per_kind]}}
    for a in articles:
        vecs = emb.encode([s.text for s in segment(a["text"]).content_sentences])
        q = vecs.mean(0)
        q = (q / np.linalg.norm(q)).astype(np.float32)
        t = time.perf_counter()
        scores = matrix @ q
        top = np.argpartition(-scores, k)[:k]
        top = top[np.argsort(-scores[top])]
        exact_ms.append(1e3 * (time.perf_counter() - t))
        exact[a["id"]] = [ids[int(keys[i])] for i in top]
        if a["id"] not in lexical:
            continue
        terms = " OR ".join(f'"{w}"' for w in sorted(content_tokens(a["text"])))
        t = time.perf_counter()
        hits = db.execute("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?", (terms, k)).fetchall()
        bm25_ms.append(1e3 * (time.perf_counter() - t))
        bm25[a["id"]] = [ids[h[0]] for h in hits]
    db.close()
    return {"exact": {"recall": recall(exact, articles), "p50_ms": percentile(exact_ms, .5),
                      "p95_ms": percentile(exact_ms, .95), "load_s": load_s},
            "bm25": {"recall": recall(bm25, articles), "p50_ms": percentile(bm25_ms, .5),
                     "p95_ms": percentile(bm25_ms, .95)}}


# -- the run ---------------------------------------------------------------------------------------------
def run_stage(args: list[str], env: dict) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    try:
        proc = subprocess.run([sys.executable, __file__, *args, "--out", str(out)], env=env, cwd=ROOT)
        if proc.returncode:
            sys.exit(f"bench: stage {args[1]} failed (exit {proc.returncode})")
        return json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)


def measure(size: int, tmp: Path, batch: int, k: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"archive-{size}-", dir=tmp))
    env = dict(ENV, COMPARE_EMBED_CACHE=str(folder / "embeddings.sqlite3"))   # a fresh cache, not counted
    try:
        (folder / "db").mkdir()
        result = run_stage(["--stage", "build", "--size", str(size), "--folder", str(folder / "db"),
                            "--batch", str(batch)], env)
        per_kind = [] if size <= 100_000 else ["--bm25-per-kind", "15"]
        result.update(run_stage(["--stage", "query", "--folder", str(folder / "db"), "-k", str(k), *per_kind], env))
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def table(results: list[dict]) -> str:
    lines = ["| stories | build | stories/s | disk | build RSS | query RSS | find p50 / p95 (warm) | "
             "find p50 / p95 (cold) | exact p50 / p95 | BM25 p50 / p95 |", "|" + "---|" * 10]
    for r in results:
        b = r["baselines"]
        lines.append(f"| {r['size']:,} | {r['build_s'] / 60:.1f} min | {r['stories_per_s']:,.0f} | "
                     f"{r['disk_mb'] / 1e3:.2f} GB | {r['build_rss_mb']:,.0f} MB | {r['query_rss_mb']:,.0f} MB | "
                     f"{r['warm_p50_ms']:.0f} / {r['warm_p95_ms']:.0f} ms | {r['cold_p50_ms']:.0f} / "
                     f"{r['cold_p95_ms']:.0f} ms | {b['exact']['p50_ms']:.0f} / {b['exact']['p95_ms']:.0f} ms | "
                     f"{b['bm25']['p50_ms']:.0f} / {b['bm25']['p95_ms']:.0f} ms |")
    lines += ["", "| stories | method | " + " | ".join(f"{kd} @1 / @5" for kd in KINDS) + " |",
              "|" + "---|" * (2 + len(KINDS))]
    for r in results:
        for name, rec in (("find", r["recall"]), ("exact", r["baselines"]["exact"]["recall"]),
                          ("BM25", r["baselines"]["bm25"]["recall"])):
            cells = [f"{rec[kd]['r1']:.3f} / {rec[kd]['r5']:.3f}" if kd in rec else "-" for kd in KINDS]
            lines.append(f"| {r['size']:,} | {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated archive sizes (default 10000,100000)")
    ap.add_argument("--batch", type=int, default=10_000, help="stories per Archive.add call (default 10000)")
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--tmp", type=Path, default=None, help="where the archives are built (and deleted)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--stage", choices=("build", "query"), help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--bm25-per-kind", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    require_shared()
    if args.stage:
        result = (stage_build(args.size, args.folder, args.batch) if args.stage == "build"
                  else stage_query(args.folder, args.k, args.bm25_per_kind))
        args.out.write_text(json.dumps(result))
        return
    try:
        from compare.archive import Archive  # noqa: F401  (the stages import it in their own processes)
    except ImportError as exc:
        sys.exit(f"bench: compare.archive.Archive is not available ({exc})")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    for size in sizes:
        print(f"bench: building an archive of {size:,} stories", file=sys.stderr, flush=True)
        results.append(measure(size, args.tmp, args.batch, args.k))
        r = results[-1]
        print(f"  {size:,}: built in {r['build_s']:.0f} s ({r['prep_s']:.0f} s of it preparing the pool), "
              f"{r['encode_misses']} sentences outside the pool embedded; a real archive would also embed "
              f"~{size * r['sentences_per_story'] / r['embed_per_s'] / 3600:.1f} h of sentences at {r['embed_per_s']:.0f}/s",
              file=sys.stderr, flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1))
    print(table(results))
    for r in results:
        two = r["recall"].get("two_source")
        if two:
            print(f"\n{r['size']:,}: two-source articles with at least one source in the top {args.k}: {two['r5_any']:.3f}")
        if r["errors"]:
            print(f"\n{r['size']:,}: find raised on {len(r['errors'])} articles (counted as misses): "
                  f"{sorted(set(r['errors'].values()))}")
        missed = {kd: v["missed"] for kd, v in r["recall"].items() if v["missed"]}
        if missed:
            print(f"\n{r['size']:,}: find missed (not every source in the top {args.k}): {missed}")


if __name__ == "__main__":
    main()

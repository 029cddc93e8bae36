#!/usr/bin/env python3
"""Build ``compare/data/lexicon.json.gz`` from the WordNet 3.0 database files.

Usage::

    python tools/build_lexicon.py [WORDNET_DIR] [-o OUTPUT]

``WORDNET_DIR`` defaults to ``/usr/share/wordnet`` (Debian/Ubuntu package
``wordnet-base``).  It must contain ``data.{noun,verb,adj,adv}`` and
``{noun,verb,adj,adv}.exc``.  The output defaults to
``compare/data/lexicon.json.gz`` next to this repository's ``compare`` package.

This script is a build-time tool only: ``compare.text.lexicon`` reads nothing but
the generated data file, so the product does not need WordNet installed.

The output is deterministic: no timestamps, JSON with sorted keys and compact
separators, gzip with ``mtime=0`` and no file name in the header.  Rebuilding
from the same WordNet files therefore gives byte-identical output.

Data file layout (format 2), all strings lowercase, underscores turned into
spaces, adjective position markers such as ``(p)`` removed::

    {
      "format": 1,
      "source": "WordNet 3.0, Princeton University",
      "license": "...",
      "pos_ranges": {"n": [lo, hi], "v": [...], "a": [...], "r": [...]},
      "lemmas": {lemma: [[synset ids], [broader synset ids]]},
      "antonyms": [[lemma, lemma], ...],           # direct, lemma-level "!"
      "indirect_antonyms": [[lemma, lemma], ...],  # adjective satellites
      "derivations": [[lemma, lemma], ...],        # derivationally related forms, "+"
      "exceptions": {"n": {inflected: [base, ...]}, "v": ..., "a": ..., "r": ...}
    }

Synset ids are small ints, renumbered 0..N-1 in (part of speech, WordNet byte
offset) order; ``pos_ranges`` gives the half-open id range of each part of
speech (adjective satellites count as adjectives).  The "broader" list of a
lemma is the union of the direct hypernyms (WordNet ``@`` pointers; instance
hypernyms ``@i`` are deliberately left out so that e.g. two capital cities are
not "related") of all of its noun and verb synsets; it is empty for
adjectives and adverbs.

Antonyms are WordNet's lemma-level ``!`` pointers.  ``indirect_antonyms`` adds,
conservatively, for an adjective satellite synset S that is "similar to"
(``&``) a head synset H, the pairs (lemma of S, direct antonym of a lemma of H)
-- one step only, never satellite-to-satellite.

Derivations are WordNet's lemma-level ``+`` pointers ("derivationally related
form"): "decide"/"decision", "leader"/"leadership", "hungry"/"hunger".
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import sys
from collections import defaultdict

DEFAULT_WORDNET_DIR = "/usr/share/wordnet"
DEFAULT_OUTPUT = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    "compare",
    "data",
    "lexicon.json.gz",
)

SOURCE = "WordNet 3.0, Princeton University"
LICENSE_NOTE = (
    "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. "
    "Used under the WordNet 3.0 license; see compare/data/LICENSE.wordnet.txt."
)
FORMAT_VERSION = 2

# File part of speech -> data file suffix, in id-numbering order.
POS_FILES = (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv"))

_ADJ_MARKER = re.compile(r"\((?:a|p|ip)\)$")


def normalize_lemma(word: str) -> str:
    """WordNet spelling -> the form used as a key in the data file."""
    word = _ADJ_MARKER.sub("", word)
    return " ".join(word.replace("_", " ").lower().split())


class Synset:
    __slots__ = ("key", "ss_type", "words", "pointers")

    def __init__(self, key, ss_type, words, pointers):
        self.key = key  # (file pos, byte offset)
        self.ss_type = ss_type  # n, v, a, s, r
        self.words = words  # normalized lemmas, WordNet order (1-based in pointers)
        self.pointers = pointers  # [(symbol, target key, source no, target no)]


def parse_data_file(path: str, file_pos: str) -> dict:
    synsets = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("  "):  # licence header
                continue
            fields = line.split(" | ", 1)[0].split()
            offset = int(fields[0])
            ss_type = fields[2]
            w_cnt = int(fields[3], 16)
            i = 4
            words = []
            for _ in range(w_cnt):
                words.append(normalize_lemma(fields[i]))
                i += 2  # word, lex_id
            p_cnt = int(fields[i])
            i += 1
            pointers = []
            for _ in range(p_cnt):
                symbol, target, tpos, st = fields[i : i + 4]
                i += 4
                tpos = "a" if tpos == "s" else tpos
                pointers.append((symbol, (tpos, int(target)), int(st[:2], 16), int(st[2:], 16)))
            key = (file_pos, offset)
            synsets[key] = Synset(key, ss_type, words, pointers)
    return synsets


def parse_exceptions(path: str) -> dict:
    table = defaultdict(set)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            inflected = normalize_lemma(parts[0])
            for base in parts[1:]:
                base = normalize_lemma(base)
                if base != inflected:
                    table[inflected].add(base)
    return {k: sorted(v) for k, v in table.items()}


def build(wordnet_dir: str) -> dict:
    synsets = {}
    for file_pos, suffix in POS_FILES:
        synsets.update(parse_data_file(os.path.join(wordnet_dir, "data." + suffix), file_pos))

    # Renumber synsets to small ints: (pos order, offset) order.
    pos_order = {p: n for n, (p, _) in enumerate(POS_FILES)}
    keys = sorted(synsets, key=lambda k: (pos_order[k[0]], k[1]))
    ids = {k: n for n, k in enumerate(keys)}
    pos_ranges = {}
    for p, _ in POS_FILES:
        members = [ids[k] for k in keys if k[0] == p]
        pos_ranges[p] = [min(members), max(members) + 1]

    lemma_synsets = defaultdict(set)
    lemma_broader = defaultdict(set)
    direct = set()
    derived = set()
    for key, ss in synsets.items():
        sid = ids[key]
        hypernyms = {ids[t] for sym, t, _s, _t in ss.pointers if sym == "@"} if key[0] in "nv" else set()
        for word in ss.words:
            lemma_synsets[word].add(sid)
            lemma_broader[word].update(hypernyms)
        for sym, target, src, tgt in ss.pointers:
            if sym == "!" and src and tgt:
                a, b = ss.words[src - 1], synsets[target].words[tgt - 1]
                if a != b:
                    direct.add(tuple(sorted((a, b))))
            elif sym == "+" and src and tgt:
                a, b = ss.words[src - 1], synsets[target].words[tgt - 1]
                if a != b:
                    derived.add(tuple(sorted((a, b))))

    # Adjective satellites inherit the antonyms of their head, one step only.
    head_antonyms = defaultdict(set)  # head synset key -> antonym lemmas
    for key, ss in synsets.items():
        if ss.ss_type != "a":
            continue
        for sym, target, src, tgt in ss.pointers:
            if sym == "!" and src and tgt:
                head_antonyms[key].add(synsets[target].words[tgt - 1])
    indirect = set()
    for key, ss in synsets.items():
        if ss.ss_type != "s":
            continue
        for sym, target, _src, _tgt in ss.pointers:
            if sym != "&":
                continue
            for antonym in head_antonyms.get(target, ()):
                for word in ss.words:
                    pair = tuple(sorted((word, antonym)))
                    if word != antonym and pair not in direct:
                        indirect.add(pair)

    # Every lemma is kept: the whole table is ~2 MB compressed.  Should it
    # ever need shrinking, drop lemmas with digits or of more than 3 words here.
    lemmas = {
        word: [sorted(lemma_synsets[word]), sorted(lemma_broader[word])]
        for word in lemma_synsets
        if word
    }

    def kept_pairs(pairs):
        return sorted([a, b] for a, b in pairs if a in lemmas and b in lemmas)

    exceptions = {}
    for file_pos, suffix in POS_FILES:
        table = parse_exceptions(os.path.join(wordnet_dir, suffix + ".exc"))
        exceptions[file_pos] = {
            k: [b for b in v if b in lemmas] for k, v in table.items() if any(b in lemmas for b in v)
        }

    return {
        "format": FORMAT_VERSION,
        "source": SOURCE,
        "license": LICENSE_NOTE,
        "pos_ranges": pos_ranges,
        "lemmas": lemmas,
        "antonyms": kept_pairs(direct),
        "indirect_antonyms": kept_pairs(indirect),
        "derivations": kept_pairs(derived),
        "exceptions": exceptions,
    }


def serialize(table: dict) -> bytes:
    payload = json.dumps(table, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    buf = io.BytesIO()
    # filename="" and mtime=0 keep the gzip header free of build-specific data.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(payload)
    return buf.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wordnet_dir", nargs="?", default=DEFAULT_WORDNET_DIR,
                        help="directory holding WordNet 3.0 data.* and *.exc files (default: %(default)s)")
    parser.add_argument("-o", "--output", default=DEFAULT_OUTPUT, help="output file (default: %(default)s)")
    args = parser.parse_args(argv)

    for _, suffix in POS_FILES:
        for name in ("data." + suffix, suffix + ".exc"):
            if not os.path.isfile(os.path.join(args.wordnet_dir, name)):
                parser.error(f"{name} not found in {args.wordnet_dir} (install Debian package wordnet-base?)")

    table = build(args.wordnet_dir)
    data = serialize(table)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, args.output)
    print(
        f"wrote {args.output}: {len(data):,} bytes, {len(table['lemmas']):,} lemmas, "
        f"{len(table['antonyms']):,} antonym pairs (+{len(table['indirect_antonyms']):,} indirect), "
        f"{len(table['derivations']):,} derivation pairs",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

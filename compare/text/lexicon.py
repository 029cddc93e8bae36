"""Offline English lexicon: synonyms, near-synonyms, antonyms and lemmas.

Used to tell a paraphrase ("protesters" -> "demonstrators") from a change of
substance ("increase" -> "decrease") when a derived article is compared with
the wire copy.

Data
----
Everything comes from ``compare/data/lexicon.json.gz``, a table derived from
**WordNet 3.0, Princeton University** (WordNet 3.0 Copyright 2006 by Princeton
University, all rights reserved; licence in ``compare/data/LICENSE.wordnet.txt``).
The file is produced by ``python tools/build_lexicon.py`` from the WordNet
database files (Debian package ``wordnet-base``, ``/usr/share/wordnet``);
running it again rebuilds the file byte for byte.  At run time only the
committed data file is read -- WordNet itself need not be installed.  The
module uses the standard library only; the file is loaded lazily, once, on
first use (under half a second), and cached with ``functools.lru_cache``.

Semantics
---------
All functions accept single words or multi-word phrases, in any case;
underscores count as spaces.  Inflected forms are reduced to WordNet lemmas
first (:func:`base_forms`), so "poured" and "spilled" are compared as "pour"
and "spill".  Words unknown to WordNet (most proper names, numbers, typos) are
never synonyms, related or antonyms of anything -- callers should fall back to
exact string comparison for them.

* :func:`are_synonyms` -- the two share a WordNet synset in some sense.
* :func:`are_related` -- synonyms, or one is a direct hypernym ("broader
  term") of the other (invade -> attack), or -- unless ``siblings=False`` --
  they share a direct hypernym.  Only noun and verb hypernyms are used, and
  instance links are not (London and Moscow are both *instances* of a capital,
  so they are not related).  Beware that sharing a hypernym also covers
  contrasting terms of the same kind ("yellow"/"blue" are both chromatic
  colours); pass ``siblings=False`` when that would hide a factual change.
  Antonym pairs are never reported as related.
* :func:`are_antonyms` -- WordNet's lemma-level antonyms ("increase"/
  "decrease", "win"/"lose"), plus -- unless ``indirect=False`` -- adjective
  satellites against their head's antonym ("soggy"/"dry"), one step only.
  The indirect pairs are noisier (WordNet lists e.g. "hot" in the cluster of
  "good", so "hot"/"bad" counts).
* :func:`are_contrasting` -- both are kinds of the same thing in one of a few
  closed classes whose members exclude one another (:data:`CONTRAST_CLASSES`:
  colours, days, months, seasons, compass points, units, sports, kin, ...), so
  putting one in the other's place changes a fact ("yellow"/"green",
  "manslaughter"/"murder", "Tuesday"/"Friday"), and different offices of one
  company (:data:`OFFICES`: "founder"/"CEO").  Sharing a direct hypernym
  alone is not enough: over all of WordNet it links as many paraphrases
  ("match"/"game", "win"/"collect") as contrasts.
* :func:`derivations` -- WordNet's derivationally related forms ("decide"/
  "decision", "hungry"/"hunger"): the same idea as another part of speech.
* :func:`are_opposed` -- a curated pair of opposite outcomes WordNet does not list as antonyms
  (:data:`OPPOSED_PAIRS`: "confirm"/"deny", "approve"/"reject", "with"/"without").
* :func:`direction` -- +1 or -1 for words that say an amount rose or fell
  (:data:`CHANGE_DIRECTION`, curated; before a figure also :data:`FIGURE_DIRECTION`).
* :func:`fact_family` -- the family of facts a word names and its member (:data:`FACT_FAMILIES`,
  curated: the steps of a criminal case, "arrested"/"acquitted"; what a company's figure measures,
  "revenue"/"profit"; casualties, "killed"/"injured"; how a person left a post, "resigned"/"sacked").
* :func:`known` -- some base form of the word is a WordNet lemma.

Word-sense ambiguity is not resolved: two words qualify if *any* of their
senses do ("bank"/"depository financial institution" and "bank"/"slope").
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re

from .wordlists import entry, words

__all__ = [
    "CONTRAST_CLASSES",
    "FACT_FAMILIES",
    "FAMILY_POS",
    "OFFICES",
    "DATA_PATH",
    "OPPOSED_PAIRS",
    "NEWS_EQUIVALENTS",
    "SOURCE_KINDS",
    "source_kind",
    "are_antonyms",
    "are_contrasting",
    "are_opposed",
    "are_related",
    "are_synonyms",
    "base_forms",
    "derivations",
    "direction",
    "fact_family",
    "known",
]

DATA_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "lexicon.json.gz")

_FORMAT = 2
_POS = ("n", "v", "a", "r")

# WordNet's detachment rules (as in WordNet's morph.c and NLTK's morphy).
_SUBSTITUTIONS = {
    "n": (("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"),
          ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"),
          ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}

#: see compare/data/wordlists/lexicon.toml (contrast_classes): what it is for, its source, what it leaves out
CONTRAST_CLASSES: tuple[tuple[tuple[str, str], ...], ...] = tuple(
    tuple(tuple(c) for c in group) for group in entry("lexicon.contrast_classes")["words"])
#: see compare/data/wordlists/lexicon.toml (offices): what it is for, its source, what it leaves out
OFFICES = words("lexicon.offices")
#: see compare/data/wordlists/lexicon.toml (fact_families): what it is for, its source, what it leaves out
FACT_FAMILIES: dict[str, dict[str, int]] = entry("lexicon.fact_families")["words"]
#: the parts of speech each family is read in ("charge" the noun is also a price, "sell" the verb no measure)
FAMILY_POS = {"legal": ("VERB",), "measure": ("NOUN",), "harm": ("VERB", "ADJ"), "exit": ("VERB",)}
_FAMILY_OF = {w: (name, n) for name, members in FACT_FAMILIES.items() for w, n in members.items()}
#: see compare/data/wordlists/lexicon.toml (opposed_pairs): what it is for, its source, what it leaves out
OPPOSED_PAIRS = frozenset(frozenset(p) for p in entry("lexicon.opposed_pairs")["words"])
#: see compare/data/wordlists/lexicon.toml (news_equivalents): what it is for, its source, what it leaves out
NEWS_EQUIVALENTS: tuple[frozenset[str], ...] = tuple(frozenset(g) for g in entry("lexicon.news_equivalents")["words"])
_EQUIVALENT = {w: g for g in NEWS_EQUIVALENTS for w in g}
#: see compare/data/wordlists/lexicon.toml (source_kinds): what it is for, its source, what it leaves out
SOURCE_KINDS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in entry("lexicon.source_kinds")["words"].items()}
_KIND_OF_SOURCE = {w: k for k, words in SOURCE_KINDS.items() for w in words}
#: see compare/data/wordlists/lexicon.toml (change_direction): what it is for, its source, what it leaves out
CHANGE_DIRECTION: dict[str, int] = {**dict.fromkeys(entry("lexicon.change_direction")["words"]["up"], 1),
                                   **dict.fromkeys(entry("lexicon.change_direction")["words"]["down"], -1)}
#: see compare/data/wordlists/lexicon.toml (change_direction_of_figures): directions only before a figure
FIGURE_DIRECTION: dict[str, int] = {**dict.fromkeys(entry("lexicon.change_direction_of_figures")["words"]["up"], 1),
                                    **dict.fromkeys(entry("lexicon.change_direction_of_figures")["words"]["down"], -1)}
#: see compare/data/wordlists/lexicon.toml (change_direction_particles): verbs whose "up" or "down" before a
#: figure says which way it moved
PARTICLE_VERBS: frozenset[str] = frozenset(entry("lexicon.change_direction_particles")["words"])
PARTICLE_DIRECTION = {"up": 1, "down": -1}
_CONTRAST_MIN_LENGTH = 3       # "s", "n", "mm", "kg": abbreviations are read by the unit and figure checks

_SPACES = re.compile(r"[\s_]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


class _Lexicon:
    __slots__ = ("lemmas", "pos_ranges", "exceptions", "antonyms", "indirect_antonyms", "derivations", "source")

    def __init__(self, raw: dict) -> None:
        if raw.get("format") != _FORMAT:
            raise ValueError(f"{DATA_PATH}: unsupported lexicon format {raw.get('format')!r}")
        self.source = raw["source"]
        # lemma -> [synset ids, broader (direct hypernym) synset ids]; lists are
        # short, so they are kept as loaded and turned into sets per query.
        self.lemmas: dict = raw["lemmas"]
        self.pos_ranges = {p: tuple(raw["pos_ranges"][p]) for p in _POS}
        self.exceptions: dict = raw["exceptions"]
        self.antonyms = _pair_index(raw["antonyms"])
        self.indirect_antonyms = _pair_index(raw["indirect_antonyms"])
        self.derivations = _pair_index(raw["derivations"])

    def has_pos(self, lemma: str, pos: str) -> bool:
        entry = self.lemmas.get(lemma)
        if entry is None:
            return False
        lo, hi = self.pos_ranges[pos]
        return any(lo <= s < hi for s in entry[0])


def _pair_index(pairs) -> dict:
    index: dict = {}
    for a, b in pairs:
        index.setdefault(a, set()).add(b)
        index.setdefault(b, set()).add(a)
    return index


@functools.lru_cache(maxsize=None)
def _lexicon() -> _Lexicon:
    with open(DATA_PATH, "rb") as fh:
        raw = json.loads(gzip.decompress(fh.read()).decode("utf-8"))
    return _Lexicon(raw)


def _normalize(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_APOSTROPHES).lower()).strip()


def _morphy(lex: _Lexicon, form: str, pos: str) -> set:
    """Lemmas of ``form`` as part of speech ``pos`` (WordNet morphy)."""
    found = set()
    if lex.has_pos(form, pos):
        found.add(form)
    exc = lex.exceptions[pos].get(form)
    if exc:
        found.update(b for b in exc if lex.has_pos(b, pos))
    for old, new in _SUBSTITUTIONS[pos]:
        if form.endswith(old) and len(form) > len(old):
            candidate = form[: -len(old)] + new
            if lex.has_pos(candidate, pos):
                found.add(candidate)
    return found


@functools.lru_cache(maxsize=65536)
def _base_forms(text: str) -> frozenset:
    lex = _lexicon()
    variants = {text}
    if "-" in text:
        variants.add(_SPACES.sub(" ", text.replace("-", " ")).strip())
    if " " in text:
        variants.add(text.replace(" ", "-"))
    found = set()
    for variant in variants:
        for pos in _POS:
            found |= _morphy(lex, variant, pos)
    if not found and " " in text:
        # Collocations: inflect the head word only -- "took off" -> "take off"
        # (verb + particle), "attorneys general" is handled by noun.exc above.
        first, rest = text.split(" ", 1)
        for pos in _POS:
            for base in _morphy_word(lex, first, pos):
                if lex.has_pos(f"{base} {rest}", pos):
                    found.add(f"{base} {rest}")
    return frozenset(found)


def _morphy_word(lex: _Lexicon, word: str, pos: str) -> set:
    """Candidate lemmas of a single word, not required to be lemmas themselves."""
    out = {word}
    out.update(lex.exceptions[pos].get(word, ()))
    for old, new in _SUBSTITUTIONS[pos]:
        if word.endswith(old) and len(word) > len(old):
            out.add(word[: -len(old)] + new)
    return out


def base_forms(word: str) -> set:
    """WordNet lemmas that ``word`` may be a form of, lowercase.

    Uses WordNet's exception lists ("went" -> "go", "geese" -> "goose") and
    its suffix detachment rules ("countries" -> "country"), for every part of
    speech, keeping only candidates that are WordNet lemmas.  ``word`` itself
    is included when it is a lemma ("saw" -> {"saw", "see"}).  Returns an
    empty set for words WordNet does not know.
    """
    if not isinstance(word, str):
        raise TypeError(f"expected str, got {type(word).__name__}")
    text = _normalize(word)
    if not text:
        return set()
    return set(_base_forms(text))


def known(word: str) -> bool:
    """True if ``word`` (or a base form of it) is in WordNet."""
    return bool(base_forms(word))


@functools.lru_cache(maxsize=65536)
def _senses(word: str, pos: str | None = None) -> tuple[frozenset, frozenset]:
    """(synset ids, broader synset ids) over all base forms of ``word``; with ``pos`` (WordNet letters,
    "n", "va"), only the senses of those parts of speech."""
    lex = _lexicon()
    synsets: set = set()
    broader: set = set()
    for lemma in base_forms(word):
        ids, hyper = lex.lemmas[lemma]
        synsets.update(ids)
        broader.update(hyper)
    if pos is not None:
        ranges = [lex.pos_ranges[p] for p in pos]
        synsets = {s for s in synsets if any(lo <= s < hi for lo, hi in ranges)}
        broader = {s for s in broader if any(lo <= s < hi for lo, hi in ranges)}
    return frozenset(synsets), frozenset(broader)


def are_synonyms(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` share a WordNet synset (in any of their senses)."""
    sa, _ = _senses(a)
    if not sa:
        return False
    sb, _ = _senses(b)
    return not sa.isdisjoint(sb)


def are_related(a: str, b: str, *, siblings: bool = True, pos_a: str | None = None,
                pos_b: str | None = None) -> bool:
    """True if ``a`` and ``b`` are close in meaning.

    Close means: synonyms; or a synset of one is a direct hypernym of a synset
    of the other ("invade" / "attack"); or, with ``siblings`` (the default),
    they share a direct hypernym.  Pairs that are antonyms are never related.
    ``pos_a`` and ``pos_b`` (WordNet letters: "n", "v", "a", "r") keep to the senses of the parts of
    speech each word is used in: the verb "sink" is close to the verb "founder", not to a company's
    founder.
    """
    if _equivalent(a, b):
        return True
    sa, ba = _senses(a, pos_a)
    if not sa:
        return False
    sb, bb = _senses(b, pos_b)
    if not sb:
        return False
    close = (
        not sa.isdisjoint(sb)
        or not sa.isdisjoint(bb)
        or not ba.isdisjoint(sb)
        or (siblings and not ba.isdisjoint(bb))
    )
    return close and not are_antonyms(a, b)


@functools.lru_cache(maxsize=65536)
def _groups_of(word: str) -> frozenset:
    """The :data:`NEWS_EQUIVALENTS` groups ``word`` (or a base form of it) belongs to."""
    return frozenset(_EQUIVALENT[x] for x in (_normalize(word), *base_forms(word)) if x in _EQUIVALENT)


def _equivalent(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` (or base forms of them) are words of one :data:`NEWS_EQUIVALENTS` group."""
    groups = _groups_of(a)
    return bool(groups) and not groups.isdisjoint(_groups_of(b))


def _class_ids(name: str, member: str, pos: str | None = None) -> frozenset:
    """The synset ids of the class ``name`` in the sense that holds ``member`` directly (WordNet's sense of
    "season" that holds "summer"); empty if the name or the member is misspelt."""
    return frozenset(_lexicon().lemmas.get(name, ((), ()))[0]) & _senses(member, pos)[1]


@functools.lru_cache(maxsize=None)
def _contrast_groups() -> tuple[frozenset, ...]:
    """Synset ids of each group of :data:`CONTRAST_CLASSES`."""
    groups = [frozenset().union(*(_class_ids(name, member) for name, member in group)) for group in CONTRAST_CLASSES]
    return tuple(g for g in groups if g)


def are_contrasting(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` are different members of one closed class (:data:`CONTRAST_CLASSES`):
    each has a sense directly under the same group of classes, and they are not synonyms nor one
    a kind of the other ("murder"/"manslaughter" yes; "auto"/"car" no)."""
    if min(len(a), len(b)) < _CONTRAST_MIN_LENGTH:
        return False
    sa, ba = _senses(a)
    sb, bb = _senses(b)
    if not sa or not sb or not sa.isdisjoint(sb) or not sa.isdisjoint(bb) or not ba.isdisjoint(sb):
        return False
    if a.lower() in OFFICES and b.lower() in OFFICES:
        return True
    return any(not ba.isdisjoint(g) and not bb.isdisjoint(g) for g in _contrast_groups())


#: WordNet 3.0's classes of disease whose direct hyponyms name one illness ("tuberculosis" under
#: "infectious disease", "asthma" under "respiratory disease"), each pinned by a member
DISEASE_CLASSES: tuple[tuple[str, str], ...] = (
    ("infectious disease", "tuberculosis"), ("contagious disease", "measles"), ("respiratory disease", "asthma"),
    ("protozoal infection", "malaria"), ("liver disease", "hepatitis"), ("hemorrhagic fever", "ebola"),
    ("malignant tumor", "cancer"), ("cancer", "leukemia"), ("polygenic disease", "diabetes"),
    ("zoonosis", "rabies"), ("pox", "smallpox"))


@functools.lru_cache(maxsize=None)
def _disease_ids() -> frozenset:
    """Synset ids of the classes of :data:`DISEASE_CLASSES`."""
    return frozenset().union(*(_class_ids(name, member, "n") for name, member in DISEASE_CLASSES))


@functools.lru_cache(maxsize=4096)
def is_disease(word: str) -> bool:
    """Whether ``word`` has one noun sense, a kind of illness in :data:`DISEASE_CLASSES`: "tuberculosis",
    "measles"; not "cancer", which also names a star sign and a crab."""
    senses, broader = _senses(word, "n")
    return bool(senses) and not broader.isdisjoint(_disease_ids()) and len(senses) == 1


def derivations(word: str) -> frozenset:
    """WordNet's derivationally related forms of ``word``'s base forms ("decision" → {"decide"},
    "hunger" → {"hungry"}): the same idea as another part of speech, as summaries reword it."""
    lex = _lexicon()
    out: set = set()
    for form in base_forms(word):
        out |= lex.derivations.get(form, set())
    return frozenset(out)


def fact_family(word: str) -> tuple[str, int] | None:
    """``(family, member)`` of ``word`` (a lemma, in any case) in :data:`FACT_FAMILIES`: ("legal", 1) for
    "arrest", ("measure", 2) for "profit"; None if it belongs to none."""
    return _FAMILY_OF.get(word.lower())


def are_opposed(a: str, b: str) -> bool:
    """True if lemmas ``a`` and ``b`` (any case) are a pair of :data:`OPPOSED_PAIRS` ("confirm"/"deny")."""
    return frozenset((a.lower(), b.lower())) in OPPOSED_PAIRS


def source_kind(word: str) -> str | None:
    """The kind of source (:data:`SOURCE_KINDS`) a lemma names: "authorities" for "police", or None."""
    return _KIND_OF_SOURCE.get(word.lower())


def direction(word: str, before_figure: bool = False) -> int:
    """+1 if ``word`` (a lemma, in any case) says an amount went up, -1 if down, 0 otherwise
    (:data:`CHANGE_DIRECTION`; with ``before_figure``, where a figure follows the word, also
    :data:`FIGURE_DIRECTION`: "slipped 0.7%")."""
    w = word.lower()
    return CHANGE_DIRECTION.get(w, 0) or (FIGURE_DIRECTION.get(w, 0) if before_figure else 0)


def are_antonyms(a: str, b: str, *, indirect: bool = True) -> bool:
    """True if WordNet lists some base form of ``a`` as antonym of one of ``b``.

    ``indirect`` also accepts adjective satellites against their head's
    antonym ("soggy" / "dry"); pass ``indirect=False`` for WordNet's direct
    antonym pairs only.
    """
    forms_a = base_forms(a)
    if not forms_a:
        return False
    forms_b = base_forms(b)
    if not forms_b:
        return False
    lex = _lexicon()
    indexes = (lex.antonyms, lex.indirect_antonyms) if indirect else (lex.antonyms,)
    for index in indexes:
        for form in forms_a:
            opposite = index.get(form)
            if opposite and not opposite.isdisjoint(forms_b):
                return True
    return False

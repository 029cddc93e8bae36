"""Split a text into sentences with exact offsets, and tell which section each belongs to.

``segment(text, name, prefix)`` returns a :class:`~compare.document.Document`. The text is never
normalised: every ``Sentence`` satisfies ``text[s.start:s.end] == s.text``.

Sections: ``heading`` (a short line without closing punctuation, or a Markdown ``#`` line),
``faq_question`` / ``faq_answer`` (lines after an ``FAQ:`` marker, ``Q:``/``A:`` lines),
``caption`` (a photo caption: a line repeated in the text, or one that ends in a photo credit),
``boilerplate`` (a leading ``date YYYY-MM-DD`` dateline, site furniture such as ``DAWN.COM Logo``,
"Story continues below advertisement", bylines with publication stamps, a writing tool's preamble
"Here is a summary of the article:" and its closing "Note: the summary leaves out …"), and ``body``.
"""
from __future__ import annotations

import re
import unicodedata

from ..document import Document, Sentence

__all__ = ["segment", "split_sentences", "strip_label", "clause_bounds"]

# -- sentence boundaries ---------------------------------------------------------------------------
# Words that end with a full stop without ending a sentence (titles, months, common short forms).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm maj gov sen rep rev hon pres supt insp
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
no nos vol vols pp fig figs approx est dept univ assn bros ave blvd rd mt ft inc ltd corp co
""".split())
# … of which these are also ordinary words ("he said no.", "the sun."): abbreviations only before a number
_BEFORE_NUMBER = frozenset("no nos vol vols pp fig figs sun sat wed mar est".split())
# … and these often end a sentence too ("visited the U.S.", "at 10 a.m.", "Acme Inc."): they do when
# the next word is one that opens sentences, never names ("I" and "A" are left out: they are initials too)
_MAY_END = frozenset("inc ltd corp co".split())
_OPENERS = frozenset("""the it he she they we this that these those there his her its their our but
however meanwhile after when while""".split())

_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])
                           |(?<=\s)[.!?]+(?=\s+["'“‘(\[]?[a-z])      # tokenised lower-case text: "title . the decision"
                        """, re.X)
_LAST_WORD = re.compile(r"""([A-Za-z][A-Za-z.]*)\.$""")


_NEXT_WORD = re.compile(r"""\s+["'“‘(\[]?(\w+)""")


def _is_abbreviation(chunk: str, after: str = "") -> bool:
    """``chunk`` ends with the full stop in question, ``after`` is the text that follows it;
    is that full stop part of an abbreviation (rather than the end of the sentence)?"""
    m = _LAST_WORD.search(chunk)
    if not m:
        return False
    word = m.group(1)
    n = _NEXT_WORD.match(after)
    following = n.group(1) if n else ""
    opens = following.lower() in _OPENERS
    if len(word) == 1 and word.isupper():           # an initial: "S. Jaishankar"
        return not opens
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):   # dotted forms: U.S., a.m., e.g.
        return not opens
    low = word.lower()
    if low in _BEFORE_NUMBER:
        return following[:1].isdigit()
    if low in _MAY_END:
        return not opens
    return low in ABBREVIATIONS


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` inside ``text[start:end]``, whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.end()
        if m.group(0)[0] == "." and len(m.group(0).rstrip("\"'”’)]")) == 1 and _is_abbreviation(
                text[cur:m.start() + 1], text[m.end():end]):
            continue
        if text[cur:stop].strip():
            spans.append((cur, stop))
        cur = stop
    if text[cur:end].strip():
        spans.append((cur, end))
    return _trimmed(text, spans)


def _trimmed(text: str, spans) -> list[tuple[int, int]]:
    """``spans`` without the whitespace at their ends; those with nothing else left out."""
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


# -- sections ----------------------------------------------------------------------------------------
_DATELINE = re.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\b", re.I)
_FURNITURE = re.compile(     # verbose pattern: a space between words must be written \s+
    r"""^(?:[\w.\-]+\s+logo|advertisement|story\s+continues\s+below\s+advertisement
        |send\s+this\s+page\s+to\s+someone\s+via\s+email
        |share\s+this\s+(?:article|story)|read\s+more\b.*|related\s*:.*|sign\s+up\b.*|subscribe\b.*|follow\s+us\b.*
        |click\s+here\b.*|copyright\b.*|©.*|all\s+rights\s+reserved.*|(?:https?://|www\.)\S+
        |(?:(?:sure|certainly|okay)[!,.]?\s*)?(?:here\s+is|here's|here\s+are|below\s+is)\b.{0,80}\b(?:summary|rewrite|rewritten|version|article|points|overview)\b.{0,80}:
        |\(?\s*(?:please\s+)?(?:note|n\.b\.)\s*:.*\b(?:summary|passage|rewrite|rewritten|original\s+(?:text|article|story))\b.*
        |skip\s+to\s+(?:main\s+)?content|(?:image|photo|video)\s*:?\s*(?:getty\s+images|reuters|ap|afp)?
        |(?:by\s+[^\n]{0,60}?\s+)?(?:reuters|ap|afp|pti|ians|ani)?\s*(?:published|updated|last\s+updated)\b.{0,80}\d{1,2}:\d{2}\s*(?:am|pm)?.*
        )$""", re.I | re.X)
# an embedded post flattened into the text: its link ("… krae. kazansky2017 pic.twitter.com/rNV54KU5Jn") ends
# the post's last sentence, which may share its line with the article's own sentences; and the line under it
# that names the author, "— Name (@handle) November 16, 2023"
_EMBED_LINK = re.compile(r"\bpic\.twitter\.com/\S+", re.I)
_EMBED_AUTHOR = re.compile(r"^(?:[—–]|--?)\s*[^\n]{1,80}\(@\w{1,15}\)\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}$")
_FAQ_MARKER = re.compile(r"^\W*(?:faqs?|frequently asked questions)\W*$", re.I)
_Q_LINE = re.compile(r"^\W*(?:q|question)\s*\d*\s*[:.)\-]\s*", re.I)
_A_LINE = re.compile(r"^\W*(?:a|answer|ans)\s*\d*\s*[:.)\-]\s*", re.I)
_CREDIT = re.compile(r"""(?:[—–]|--|\s-)\s*(?:reuters|ap|afp|pti|ani|ians|getty\s+images|file(?:\s+photo)?|photo[^\n]{0,40}
                           |ap\s+photo[^\n]{0,40})\s*\.?$
                        |^(?:photo|image|picture|file\s+photo|caption)\s*[:|]""", re.I | re.X)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
# a "Q:" or "A:" label, "Question 2:", "Q1.", "A -": a full stop must be followed by a space and a dash
# spaced, so that "A 6.8-magnitude quake" and "A 10-year-old boy" keep their figures
_LABEL = re.compile(r"^\W*(?:q|a|question|answer|ans)\s*\d*\s*(?:[:)]|\.(?=\s)|(?<=\s)[-–—](?=\s))\s*", re.I)
# an answer's label alone, as strict as _LABEL ("A 6.8-magnitude quake" is no answer)
_A_LABEL = re.compile(r"^\W*(?:a|answer|ans)\s*\d*\s*(?:[:)]|\.(?=\s)|(?<=\s)[-–—](?=\s))\s*", re.I)
# a line that ends a sentence: closing punctuation, perhaps inside quotes or brackets
_ENDS_SENTENCE = re.compile(r"""[.!?…]["'”’)\]]*\s*$""")


# -- clauses ---------------------------------------------------------------------------------------
# Where a clause ends inside a sentence: a comma, semicolon or colon before a space (not "1,000" or
# "10:30"), a bracket, a dash, or a word that opens a clause of its own ("…, who was released on bail").
# "and" is left out: it joins words more often than clauses ("yellow and blue paint").
_CLAUSE_BREAK = re.compile(r"""[,;:](?=\s)|[()\[\]—]|\s[–-]\s
                              |\s(?=(?:but|while|whereas|although|though|because|which|who|whom|whose|where)\s)""",
                           re.X | re.I)


def clause_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of ``text[lo:hi]`` (a sentence) around ``text[start:end]``: from the break before
    ``start`` to the break after ``end``, without the break's punctuation, the spaces around it or
    the sentence's closing stop. A clause opened by a word ("who …") starts at that word."""
    a, b = lo, hi
    for m in _CLAUSE_BREAK.finditer(text, lo, hi):
        if m.end() <= start:
            a = m.end()
        elif m.start() >= end:
            b = m.start()
            break
    while a < start and text[a] in " \t\n,;:":
        a += 1
    while b > end and (text[b - 1].isspace() or text[b - 1] in ".!?"):
        b -= 1
    return min(a, start), max(b, end)


def _norm_line(line: str) -> str:
    line = unicodedata.normalize("NFKC", line).replace("’", "'").replace("‘", "'")
    line = line.replace("“", '"').replace("”", '"')
    return " ".join(line.split()).lower()


def _is_heading(line: str) -> bool:
    s = line.strip()
    if _MD_HEADING.match(s):
        return True
    if s.endswith((".", "!", "?", '"', "”", "’", "'", ":", ";", ",")) or len(s.split()) > 20:
        return False
    return s[:1].isupper() or s[:1].isdigit() or s.startswith(("*", "_"))


def strip_label(text: str) -> str:
    """The sentence without a leading ``Q:``/``A:`` label (what alignment compares)."""
    return _LABEL.sub("", text, count=1)


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body), body
        pos += len(line)


def segment(text: str, name: str = "text", prefix: str = "s") -> Document:
    lines = [(a, b, t) for a, b, t in _lines(text) if t.strip()]
    counts: dict[str, int] = {}
    for _, _, t in lines:
        k = _norm_line(t)
        counts[k] = counts.get(k, 0) + 1

    pieces: list[tuple[int, int, str]] = []      # (start, end, section) blocks to split into sentences
    in_faq = False
    faq_last = ""            # in an FAQ block: "q" after a question, "a" after an answer, "" after the marker
    answer_done = False      # … and whether that answer's last line ended its sentence
    prev_end = 0             # where the previous non-blank line ended (a blank line between ends a paragraph)
    for i, (a, b, line) in enumerate(lines):
        gap = text[prev_end:a]
        prev_end = b
        if i == 0:
            m = _DATELINE.match(line)
            if m:
                stop = a + m.end()
                pieces.append((a, stop, "boilerplate"))
                a, line = stop, text[stop:b]
                if not line.strip():
                    continue
                rest = line.strip()
                # the dateline may run into site furniture ("date 2023-12-27 DAWN.COM Logo")
                if _FURNITURE.match(rest):
                    pieces.append((a, b, "boilerplate"))
                    continue
        stripped = line.strip()
        norm = _norm_line(stripped)
        if _FAQ_MARKER.match(stripped):
            in_faq, faq_last, answer_done = True, "", False
            pieces.append((a, b, "heading"))
            continue
        if in_faq:
            # An FAQ block runs over questions and their answers; it ends at the next heading, or at a
            # plain paragraph (no "Q:"/"A:" label, no question) after an answer that was complete: a
            # new paragraph, or a line after one that ended its sentence (a wrapped answer goes on)
            if _Q_LINE.match(stripped) or (stripped.endswith("?") and not _A_LINE.match(stripped)):
                pieces.append((a, b, "faq_question"))
                faq_last = "q"
                continue
            labelled = bool(_A_LABEL.match(stripped))
            new_paragraph = gap.count("\n") > 1 or answer_done
            if labelled or (not _is_heading(stripped) and (faq_last != "a" or not new_paragraph)):
                pieces.append((a, b, "faq_answer"))
                faq_last, answer_done = "a", bool(_ENDS_SENTENCE.search(stripped))
                continue
            in_faq = False
        if _FURNITURE.match(stripped) or _EMBED_AUTHOR.match(stripped):
            section = "boilerplate"
        elif _EMBED_LINK.search(stripped):
            section = "embed"
        elif counts.get(norm, 0) > 1 and len(stripped.split()) >= 6 or _CREDIT.search(stripped):
            section = "caption"
        elif _Q_LINE.match(stripped) and stripped.endswith("?"):
            section = "faq_question"
        elif _is_heading(stripped) and i + 1 < len(lines):
            section = "heading"
        else:
            section = "body"
        pieces.append((a, b, section))

    sentences: list[Sentence] = []
    for a, b, section in pieces:
        spans = _trimmed(text, [(a, b)]) if section in ("heading", "boilerplate") else split_sentences(text, a, b)
        for s, e in spans:
            kind = section if section != "embed" else "boilerplate" if _EMBED_LINK.search(text, s, e) else "body"
            sentences.append(Sentence(f"{prefix}{len(sentences) + 1}", s, e, text[s:e], kind))
    return Document(name=name, text=text, sentences=tuple(sentences))

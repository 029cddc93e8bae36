"""Turning bytes and strings into text the engine accepts, with one clear error when it cannot.

Limits (documented in the README):

* ``MAX_TEXT_CHARS`` — 1,000,000 characters per text (about 150,000 words, far beyond any
  news article; a 2 MB file is refused before it is decoded);
* ``MAX_FILE_BYTES`` — 1,500,000 bytes per file before decoding (HTML carries markup);
* text must be English: at least ``MIN_ENGLISH_SHARE`` of its words are common English words, or
  (for a short text such as a headline or a one-line summary, which may have few of them) no
  more of its words are common words of another language; text mostly in another script
  (Cyrillic, Arabic, CJK …) is refused.
"""
from __future__ import annotations

import re

from .errors import BinaryInputError, EmptyTextError, EncodingError, LanguageError, TooLargeError

__all__ = ["MAX_TEXT_CHARS", "MAX_FILE_BYTES", "decode_bytes", "validate_text", "looks_english"]

MAX_TEXT_CHARS = 1_000_000
MAX_FILE_BYTES = 1_500_000
MIN_ENGLISH_SHARE = 0.12     # share of function words in running English prose is ~0.4; other languages ~0

_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x7fELF",
                 b"\xd0\xcf\x11\xe0", b"SQLite format 3")

# the most frequent English function words: cheap, dependency-free evidence that a text is English
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is was that for on with as by at from it he she they said his her their "
    "has have had be been are were will would not this which who but an its or after also than "
    "more about into over we i you our there when what up out one new".split())
# common function words of other languages written in Latin script (none of them an English word,
# nor a name particle such as "de", "la" or "van" that English copy carries in names)
_FOREIGN_FUNCTION_WORDS = frozenset(
    "les des une est dans pour qui pas sur aux avec cette sont ont été par ses leur mais ou comme nous vous ils elle "
    "et los las por para es se su sus como pero fue está y que lo más der das und ist nicht mit dem ein eine zu auf "
    "für sich im auch wurde wird sind nach bei il che è della gli nel alla sono anche os uma com não em dos das foi "
    "ao het een en niet voor zijn ook werd".split())
SHORT_TEXT_WORDS = 40        # below this many words the function-word share is too noisy to refuse on alone
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Decode file bytes to ``str``: UTF-8 (BOM allowed) or UTF-16 with a BOM; refuse the rest."""
    if len(data) > MAX_FILE_BYTES:
        raise TooLargeError(f"{name}: {len(data):,} bytes is over the {MAX_FILE_BYTES:,}-byte limit; "
                            "split the article or compare its relevant part")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError(f"{name}: not valid UTF-16 despite its byte-order mark ({exc.reason} "
                                f"at byte {exc.start}); save it as UTF-8") from None
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise BinaryInputError(f"{name}: this is a binary file, not text; "
                               "export the article as .txt, .md or .html")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                            "save it as UTF-8 and try again") from None


def looks_english(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 20 and sum(c < "\u0250" for c in letters) < 0.5 * len(letters):
        return False         # mostly another script: Cyrillic, Greek, Arabic, CJK …
    words = _WORD.findall(text.lower())
    if len(words) < 8:       # too short to judge: let short texts through
        return True
    english = sum(w in _ENGLISH_FUNCTION_WORDS for w in words)
    if english / len(words) >= MIN_ENGLISH_SHARE:
        return True
    # a headline or a one-line summary may have few function words: refuse it only on evidence
    return len(words) < SHORT_TEXT_WORDS and sum(w in _FOREIGN_FUNCTION_WORDS for w in words) <= english


def validate_text(text: str, name: str = "input") -> str:
    """Return ``text`` unchanged when the engine can compare it, else raise an InputError."""
    if not isinstance(text, str):
        raise EmptyTextError(f"{name}: expected text, got {type(text).__name__}")
    if not text.strip():
        raise EmptyTextError(f"{name}: the text is empty; paste or load an article")
    if len(text) > MAX_TEXT_CHARS:
        raise TooLargeError(f"{name}: {len(text):,} characters is over the {MAX_TEXT_CHARS:,}-character "
                            "limit; split the article or compare its relevant part")
    if "\x00" in text:
        raise BinaryInputError(f"{name}: the text holds NUL characters, so it is binary data, not an article")
    if not looks_english(text):
        raise LanguageError(f"{name}: this does not look like English; compare supports English news copy only")
    return text

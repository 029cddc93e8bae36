"""Turning bytes and strings into text the engine accepts, with one clear error when it cannot.

Limits (documented in the README):

* ``MAX_TEXT_CHARS`` — 1,000,000 characters per text (about 150,000 words, far beyond any
  news article; a 2 MB file is refused before it is decoded);
* ``MAX_FILE_BYTES`` — 1,500,000 bytes per file before decoding (HTML carries markup);
* text must be English: at least ``MIN_ENGLISH_SHARE`` of its words are common English words, or
  (for a short text such as a headline or a one-line summary, which may have few of them) no
  more of its words are common words of another language; text mostly in another script
  (Cyrillic, Arabic, CJK …) is refused;
* text must be encodable: a ``str`` can hold surrogate code points (U+D800–U+DFFF, from a JSON
  ``"\\ud800"`` escape or a bad decoder) that no text encoding can write, and every later step hashes,
  stores or writes the text as UTF-8.
"""
from __future__ import annotations

import re

from ..errors import (BinaryInputError, EmptyTextError, EncodingError, LanguageError, TooLargeError,
                      UnencodableTextError)

__all__ = ["MAX_TEXT_CHARS", "MAX_FILE_BYTES", "decode_bytes", "validate_text", "check_encodable", "looks_english"]

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
_SURROGATE = re.compile("[\ud800-\udfff]")


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


def check_encodable(text: str, name: str = "input") -> str:
    """Return ``text`` when it can be written as UTF-8, else raise :class:`UnencodableTextError`
    naming the first offending character (1-based, as an editor counts)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError as exc:
        i = exc.start
    code = ord(text[i])
    pair = 0xD800 <= code <= 0xDBFF and i + 1 < len(text) and 0xDC00 <= ord(text[i + 1]) <= 0xDFFF
    n = len(_SURROGATE.findall(text, i))
    also = f" (the text holds {n:,} such code points)" if n > (2 if pair else 1) else ""
    if pair:
        joined = 0x10000 + ((code - 0xD800) << 10) + (ord(text[i + 1]) - 0xDC00)
        raise UnencodableTextError(
            f"{name}: characters {i + 1:,}-{i + 2:,} are the two halves of a UTF-16 surrogate pair "
            f"(U+{code:04X} U+{ord(text[i + 1]):04X}) left apart, which no text encoding can hold{also}; "
            f"join them into the one character U+{joined:04X} or remove them") from None
    if 0xD800 <= code <= 0xDFFF:
        raise UnencodableTextError(f"{name}: character {i + 1:,} is an unpaired surrogate (U+{code:04X}), "
                                   f"which no text encoding can hold{also}; remove it") from None
    raise UnencodableTextError(f"{name}: character {i + 1:,} (U+{code:04X}) cannot be written as UTF-8; "
                               "remove it") from None


def validate_text(text: str, name: str = "input") -> str:
    """Return ``text`` unchanged when the engine can compare it, else raise an InputError."""
    if not isinstance(text, str):
        raise EmptyTextError(f"{name}: expected text, got {type(text).__name__}")
    if not text.strip():
        raise EmptyTextError(f"{name}: the text is empty; paste or load an article")
    if len(text) > MAX_TEXT_CHARS:
        raise TooLargeError(f"{name}: {len(text):,} characters is over the {MAX_TEXT_CHARS:,}-character "
                            "limit; split the article or compare its relevant part")
    check_encodable(text, name)
    if "\x00" in text:
        raise BinaryInputError(f"{name}: the text holds NUL characters, so it is binary data, not an article")
    if not looks_english(text):
        raise LanguageError(f"{name}: this does not look like English; compare supports English news copy only")
    return text

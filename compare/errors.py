"""Every error the engine raises, in one place.

    CompareError                 base class: catch this to catch everything below
    ├── InputError               the text or file cannot be compared (message says why and what to do)
    │   ├── MissingFileError     the path does not exist or is not a file
    │   ├── EmptyTextError       nothing but whitespace
    │   ├── BinaryInputError     NUL bytes or a known binary signature (PDF, ZIP, image …)
    │   ├── EncodingError        bytes that are not UTF-8 (or UTF-16 with a BOM)
    │   │   └── UnencodableTextError  text holding code points no encoding can write (lone surrogates)
    │   ├── TooLargeError        over MAX_TEXT_CHARS characters / MAX_FILE_BYTES bytes
    │   ├── LanguageError        the text does not look like English
    │   └── FetchError           a URL could not be fetched or held no article
    └── ModelError               a bundled model could not be loaded (offline install broken)

Each message is one line, names the offending input and says what to do about it, so the CLI
and the page can show it as it is.
"""
from __future__ import annotations

__all__ = [
    "CompareError", "InputError", "MissingFileError", "EmptyTextError", "BinaryInputError",
    "EncodingError", "UnencodableTextError", "TooLargeError", "LanguageError", "FetchError", "ModelError",
]


class CompareError(Exception):
    """Base class of every error raised on purpose by the engine."""


class InputError(CompareError, ValueError):
    """An input text or file that cannot be compared."""


class MissingFileError(InputError, FileNotFoundError):
    pass


class EmptyTextError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class EncodingError(InputError):
    pass


class UnencodableTextError(EncodingError):
    """A ``str`` holding code points that cannot be written as UTF-8 (unpaired surrogates, U+D800–U+DFFF)."""


class TooLargeError(InputError):
    pass


class LanguageError(InputError):
    pass


class FetchError(InputError):
    pass


class ModelError(CompareError, RuntimeError):
    pass

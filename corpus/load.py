"""Loading articles from pasted text, files, folders and web addresses.

Every loader returns an :class:`Article` whose ``text`` is exactly what the engine compares, or
raises one :class:`compare.errors.InputError` subclass whose one-line message names the input:

* ``.txt`` (and any other extension) — plain text, compared as written;
* ``.md`` / ``.markdown`` — compared as written (Markdown syntax included; offsets index it);
* ``.html`` / ``.htm``, or a file that starts with ``<!doctype html`` / ``<html`` — the article
  text extracted with trafilatura (a simple tag stripper if trafilatura finds nothing);
* ``http://`` / ``https://`` URLs — fetched with a time limit and a size limit, HTML extracted
  as above, ``text/plain`` kept as is. Other schemes are refused.

Bytes must be UTF-8 (or UTF-16 with a BOM); files over ``MAX_FILE_BYTES`` are refused before
they are read.
"""
from __future__ import annotations

import codecs
import http.client
import os
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from compare.errors import EmptyTextError, EncodingError, FetchError, InputError, MissingFileError, TooLargeError
from compare.inputs import MAX_FILE_BYTES, decode_bytes, validate_text

__all__ = [
    "Article", "load_text", "load_file", "load_bytes", "load_url", "load", "load_folder",
    "DEMO_DIR", "demo_pair", "list_pairs", "ARTICLE_SUFFIXES", "USER_AGENT",
]

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
USER_AGENT = "compare/0.1"
DEMO_DIR = Path(__file__).parent / "demo"
CORPUS_DIR = Path(__file__).parent

_HTML_SUFFIXES = (".html", ".htm")
_MARKDOWN_SUFFIXES = (".md", ".markdown")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


@dataclass(frozen=True)
class Article:
    """One article: ``name`` to show, ``text`` the engine compares, ``source`` path or URL."""

    name: str
    text: str
    source: str


# --------------------------------------------------------------------------- pasted text

def load_text(text: str, name: str = "pasted text") -> Article:
    """Wrap pasted text as an article (``source`` is empty); raise InputError if unusable."""
    return Article(name=name, text=validate_text(text, name), source="")


# --------------------------------------------------------------------------- HTML

class _TextExtractor(HTMLParser):
    """Fallback extraction: visible text, without scripts, styles and page furniture."""

    SKIP = frozenset({"script", "style", "noscript", "template", "title", "nav", "header", "footer", "aside"})
    BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
                       "article", "blockquote", "pre", "dd", "dt", "figcaption"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line)


def _strip_tags(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return parser.text()


def _extract_html(html: str) -> str:
    """The article text of an HTML page ('' when there is none)."""
    text = None
    try:
        import trafilatura
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    except Exception:  # noqa: BLE001 — a broken page or a broken install: fall back to the stripper
        text = None
    if not text or not text.strip():
        text = _strip_tags(html)
    return text


def _looks_html(text: str) -> bool:
    return text.lstrip()[:64].lower().startswith(("<!doctype html", "<html"))


# --------------------------------------------------------------------------- files

def load_file(path: str | os.PathLike) -> Article:
    """Load a .txt, .md or .html file; raise an InputError subclass naming the file if unusable."""
    p = Path(path).expanduser()
    label = str(path)
    if not p.exists():
        raise MissingFileError(f"{label}: no such file; check the path")
    if not p.is_file():
        raise MissingFileError(f"{label}: this is a folder, not a file; choose one article file")
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TooLargeError(f"{label}: {size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit; "
                                "split the article or compare its relevant part")
        with p.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)   # the file may have grown since stat()
    except OSError as exc:
        raise InputError(f"{label}: cannot be read ({exc.strerror or exc}); check its permissions") from None
    art = load_bytes(data, p.name, label=label)
    return Article(name=art.name, text=art.text, source=str(p))


def load_bytes(data: bytes, name: str, label: str | None = None) -> Article:
    """An article from the bytes of a file called ``name`` (an upload): decoded, HTML extracted by
    the file's suffix or content, checked; errors name ``label`` (default ``name``)."""
    label = label or name
    text = decode_bytes(data, label)
    suffix = Path(name).suffix.lower()
    if suffix in _HTML_SUFFIXES or (suffix not in _MARKDOWN_SUFFIXES and _looks_html(text)):
        text = _extract_html(text)
        if not text.strip():
            raise EmptyTextError(f"{label}: no article text found in this HTML page; "
                                 "save the article text as .txt instead")
    return Article(name=name, text=validate_text(text, label), source=name)


def load_folder(path: str | os.PathLike) -> list[Article]:
    """Every .txt/.md/.html/.htm file directly in ``path``, sorted by file name."""
    p = Path(path).expanduser()
    if not p.is_dir():
        raise MissingFileError(f"{path}: no such folder; check the path")
    return [load_file(f) for f in _article_files(p)]


def _article_files(folder: Path) -> list[Path]:
    return sorted((f for f in folder.iterdir()
                   if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in ARTICLE_SUFFIXES),
                  key=lambda f: f.name)


# --------------------------------------------------------------------------- URLs

class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            fp.close()
            raise FetchError(f"{_short(req.full_url)}: redirected to a non-http address; "
                             "only http and https URLs are supported")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


def _short(url: str, limit: int = 200) -> str:
    url = " ".join(url.split())
    return url if len(url) <= limit else url[:limit] + "…"


def _decode_response(data: bytes, charset: str | None, is_html: bool, label: str) -> str:
    if not charset and is_html:
        m = _META_CHARSET.search(data[:4096])
        charset = m.group(1).decode("ascii") if m else None
    if charset:
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            codec = None
        if codec and codec not in ("utf-8", "ascii"):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"{label}: the page is not valid {charset} "
                                    f"(byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    return decode_bytes(data, label)


def load_url(url: str, timeout: float = 10.0, max_bytes: int = MAX_FILE_BYTES) -> Article:
    """Fetch an http(s) page and return its article text.

    ``timeout`` bounds the wait for each network step and the whole download (a server that
    trickles bytes is cut off); ``max_bytes`` bounds the body. Raises FetchError on any network or
    HTTP failure, TooLargeError when the body is too big, other InputErrors for unusable text.
    """
    url = url.strip()
    label = _short(url)
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(f"{label}: only http and https URLs are supported")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/html, text/plain;q=0.9, */*;q=0.1"})
    deadline = time.monotonic() + timeout
    try:
        with _OPENER.open(request, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise TooLargeError(f"{label}: {int(length):,} bytes is over the {max_bytes:,}-byte limit; "
                                    "save the article text and load the file")
            chunks, total = [], 0
            while total <= max_bytes:
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunk = resp.read1(min(65536, max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            if total > max_bytes:
                raise TooLargeError(f"{label}: the page is over the {max_bytes:,}-byte limit; "
                                    "save the article text and load the file")
            data = b"".join(chunks)
            content_type = resp.headers.get_content_type()          # 'text/plain' when absent
            declared = resp.headers.get("Content-Type") is not None
            charset = resp.headers.get_content_charset()
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        exc.close()
        raise FetchError(f"{label}: HTTP {exc.code} {exc.reason or ''}".rstrip()
                         + "; check the address or save the page and load the file") from None
    except TimeoutError:
        raise FetchError(f"{label}: no answer within {timeout:g} s; try again, "
                         "or save the page and load the file") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(f"{label}: no answer within {timeout:g} s; try again, "
                             "or save the page and load the file") from None
        raise FetchError(f"{label}: could not connect ({getattr(reason, 'strerror', None) or reason}); "
                         "check the address and the network") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise FetchError(f"{label}: the download failed ({type(exc).__name__}: {exc}); "
                         "try again, or save the page and load the file") from None

    if declared and content_type not in _HTML_TYPES and not content_type.startswith("text/"):
        raise FetchError(f"{label}: the server sent {content_type}, not a web page or plain text; "
                         "export the article as .txt and load the file")
    is_html = content_type in _HTML_TYPES
    text = _decode_response(data, charset, is_html or not declared, label)
    if is_html or ((content_type != "text/plain" or not declared) and _looks_html(text)):
        text = _extract_html(text)
        if not text.strip():
            raise FetchError(f"{label}: no article text found on this page; copy the article and paste it")
    return Article(name=label, text=validate_text(text, label), source=url)


# --------------------------------------------------------------------------- either

def load(source: str) -> Article:
    """A URL when ``source`` starts with http:// or https://, else a file path."""
    s = str(source).strip()
    if s.lower().startswith(("http://", "https://")):
        return load_url(s)
    m = _SCHEME.match(s)
    if m and len(m.group(1)) > 1 and not Path(s).expanduser().exists():   # 'C:\…' is a path
        raise FetchError(f"{_short(s)}: only http and https URLs are supported")
    return load_file(s)


# --------------------------------------------------------------------------- bundled pairs

def _pair_files(folder: Path) -> tuple[Path, list[Path]] | None:
    files = _article_files(folder)
    wires = [f for f in files if f.name.lower().startswith("wire")]
    derived = [f for f in files if not f.name.lower().startswith("wire")]
    if len(wires) != 1 or not derived:
        return None
    return wires[0], derived


def list_pairs() -> dict[str, tuple[Path, list[Path]]]:
    """Pairs bundled in corpus/: {folder name: (wire file, derived files)}.

    A pair is a folder of corpus/ (the demo folder included) holding exactly one file whose name
    starts with "wire" and at least one other article file.
    """
    pairs = {}
    for folder in sorted(CORPUS_DIR.iterdir(), key=lambda f: f.name):
        if folder.is_dir() and not folder.name.startswith((".", "_")):
            found = _pair_files(folder)
            if found:
                pairs[folder.name] = found
    return pairs


def demo_pair() -> tuple[Article, list[Article]]:
    """The bundled demo: the Reuters wire copy (via Dawn) and a rewrite derived from it."""
    found = _pair_files(DEMO_DIR)
    if found is None:
        raise MissingFileError(f"{DEMO_DIR}: the demo articles are missing; reinstall compare")
    wire, derived = found
    return load_file(wire), [load_file(f) for f in derived]

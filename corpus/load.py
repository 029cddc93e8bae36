"""Loading articles from pasted text, files, folders and web addresses.

Every loader returns an :class:`Article` whose ``text`` is exactly what the engine compares, or
raises one :class:`compare.errors.InputError` subclass whose one-line message names the input:

* pasted text — compared as written, unless it is HTML (tags such as ``<p>``, ``<div>``, ``<br>``,
  ``<script>``): then its text is extracted as from an HTML file (see :func:`load_text`);
* ``.txt`` (and any other extension) — plain text, compared as written;
* ``.md`` / ``.markdown`` — compared as written (Markdown syntax included; offsets index it);
* ``.html`` / ``.htm``, or a file that starts with ``<!doctype html`` / ``<html`` — the article
  text extracted with trafilatura (a simple tag stripper if trafilatura finds nothing);
* ``http://`` / ``https://`` URLs — fetched with httpx within one deadline and a size limit,
  HTML extracted as above, ``text/plain`` kept as is. Other schemes are refused, and so are
  addresses on private and local networks unless ``COMPARE_URL_ALLOW`` lists them (see "URLs").

Bytes must be UTF-8 (or UTF-16 with a BOM); files over ``MAX_FILE_BYTES`` are refused before
they are read.
"""
from __future__ import annotations

import codecs
import ipaddress
import logging
import os
import re
import socket
import threading
import time
import zlib
from dataclasses import dataclass
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import httpcore
import httpx

from compare.errors import EmptyTextError, EncodingError, FetchError, InputError, MissingFileError, TooLargeError
from compare.text.inputs import MAX_FILE_BYTES, decode_bytes, validate_text

__all__ = [
    "Article", "load_text", "pasted_html", "load_file", "load_bytes", "load_url", "load", "load_folder",
    "DEMO_DIR", "demo_pair", "list_pairs", "ARTICLE_SUFFIXES", "USER_AGENT",
    "FETCH_DEADLINE_S", "MAX_REDIRECTS", "ALLOW_ENV", "UNREACHABLE", "allow_list", "is_public_address",
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

# a tag a paste from a page's source holds: the document's own, a block, a script or style, a line break,
# common inline markup with its closing tag, an image, a comment (a lone "<" in "profits <5%" is none)
_PASTED_TAG = re.compile(r"""<!doctype\s+html|<!--
    |</?(?:html|head|body|p|div|br|hr|script|style|noscript|iframe|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th
          |article|section|header|footer|nav|aside|main|figure|figcaption|blockquote|pre|img|meta|link)\b[^<>]*>
    |</(?:a|b|i|em|strong|span|font|u|small|sup|sub)\s*>""", re.IGNORECASE | re.VERBOSE)
_WHOLE_PAGE = re.compile(r"<(?:html|body)\b", re.IGNORECASE)


def pasted_html(text: str) -> bool:
    """Whether pasted text is HTML (a page's source or a piece of it) rather than article text."""
    return _looks_html(text) or _PASTED_TAG.search(text) is not None


def load_text(text: str, name: str = "pasted text") -> Article:
    """Wrap pasted text as an article (``source`` is empty); raise InputError if unusable.

    Pasted HTML (:func:`pasted_html`) goes the HTML path of an upload: a whole page (``<html>``,
    ``<body>``, a doctype) through the same extraction as an uploaded HTML file; a piece of a page
    through its tag stripper (visible text; scripts, styles and navigation dropped), which keeps every
    paragraph, where the article extractor may drop short ones of a piece that has no page around it.
    """
    if pasted_html(text):
        text = _extract_html(text) if _looks_html(text) or _WHOLE_PAGE.search(text) else _strip_tags(text)
        if not text.strip():
            raise EmptyTextError(f"{name}: no article text found in this pasted HTML; paste the article's text")
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
#
# A visitor types any address into the page's Fetch box, and the desk fetches it from inside the
# newsroom's network: without care that is server-side request forgery (the desk's own admin
# pages, a CMS on 10.x, a cloud metadata service on 169.254.169.254, the Streamlit server itself).
# The rules, all enforced below:
#
# * the address checked is the address connected to: the host is resolved here, every address it
#   resolves to must pass, the socket connects to one of those vetted addresses (never to the name,
#   so a second DNS answer cannot swap in another), and the socket's peer is checked once more;
# * loopback, private, carrier-grade NAT, link-local, site-local, multicast, unspecified, reserved
#   and documentation addresses are refused, IPv4 and IPv6 alike, including IPv4 inside IPv6
#   (``::ffff:127.0.0.1``, 6to4, NAT64). Every spelling of an address (``0x7f000001``,
#   ``2130706433``, ``017700000001``, ``127.1``, ``[::1]``) comes out of the resolver as the same
#   address, so the check needs no parser of its own;
# * redirects are followed here, at most MAX_REDIRECTS, each hop connecting through the same check;
# * one deadline (FETCH_DEADLINE_S) covers resolving, connecting, the headers and the body: every
#   socket operation gets at most the time left, so a server trickling one byte every 2 s is cut off;
# * every network failure and refusal gives the same message (UNREACHABLE), so the messages cannot
#   be used to map which inside addresses and ports answer;
# * COMPARE_URL_ALLOW lists what a newsroom lets through anyway (its own CMS): host names, addresses
#   or CIDR networks, each optionally with ``:port``, comma-separated.

FETCH_DEADLINE_S = 10.0
MAX_REDIRECTS = 5
ALLOW_ENV = "COMPARE_URL_ALLOW"
UNREACHABLE = ("could not fetch {url}: the page is not reachable from this desk (addresses on private or "
               "local networks are refused; paste the article text or load a saved file instead)")

_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_MAPPED = ipaddress.ip_network("::ffff:0:0/96")
_HOSTNAME = re.compile(r"^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
                       r"(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$")
_log = logging.getLogger(__name__)

_Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class _Refused(Exception):
    """An address the rules refuse (internal: it always becomes the one UNREACHABLE FetchError)."""


def _unreachable(label: str) -> FetchError:
    return FetchError(UNREACHABLE.format(url=label))


def _plain(ip: _Address) -> _Address:
    """An IPv4 address written as IPv6 (mapped ``::ffff:a.b.c.d``) as the IPv4 address itself."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def is_public_address(ip: _Address) -> bool:
    """True for an address on the public internet; False for loopback, private, shared (CGNAT),
    link-local, site-local, multicast, unspecified, reserved and documentation addresses, and for
    IPv6 addresses that carry such an IPv4 address (mapped, 6to4, NAT64)."""
    ip = _plain(ip)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = None
        if ip.sixtofour is not None:
            embedded = ip.sixtofour
        elif ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public_address(embedded)
        if ip.is_site_local or ip.teredo is not None:
            return False
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                                 or ip.is_reserved or ip.is_unspecified)


@dataclass(frozen=True)
class _AllowEntry:
    host: str | None = None          # a host name, matched as written in the URL
    network: _Network | None = None  # an address or a CIDR network, matched on the resolved address
    port: int | None = None          # None: any port


def _norm_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def _parse_allow_entry(raw: str) -> _AllowEntry | None:
    entry, port = raw.strip(), None
    m = re.fullmatch(r"\[([^\]]+)\](?::(\d{1,5}))?", entry) or re.fullmatch(r"([^:]+):(\d{1,5})", entry)
    if m:
        entry, port = m.group(1), (int(m.group(2)) if m.group(2) else None)
        if port is not None and not 0 < port < 65536:
            return None
    try:
        network = ipaddress.ip_network(entry, strict=False)
    except ValueError:
        pass
    else:
        if network.version == 6 and network.subnet_of(_MAPPED) and network.prefixlen >= 96:   # ::ffff:a.b.c.d
            network = ipaddress.ip_network((network.network_address.ipv4_mapped, network.prefixlen - 96))
        return _AllowEntry(network=network, port=port)
    host = _norm_host(entry)
    return _AllowEntry(host=host, port=port) if _HOSTNAME.match(host) else None


def allow_list(value: str | None = None) -> tuple[_AllowEntry, ...]:
    """The entries of COMPARE_URL_ALLOW (or of ``value``); entries that cannot be read are skipped
    with a warning. Read at every fetch, so a change needs no restart."""
    value = os.environ.get(ALLOW_ENV, "") if value is None else value
    entries = []
    for raw in value.split(","):
        if not raw.strip():
            continue
        entry = _parse_allow_entry(raw)
        if entry is None:
            _log.warning("%s: ignoring %r (not a host name, address or CIDR network, with an optional :port)",
                         ALLOW_ENV, raw.strip())
        else:
            entries.append(entry)
    return tuple(entries)


def _permitted(host: str, port: int, ip: _Address, allowed: tuple[_AllowEntry, ...]) -> bool:
    if is_public_address(ip):
        return True
    host, plain = _norm_host(host), _plain(ip)
    for entry in allowed:
        if entry.port is not None and entry.port != port:
            continue
        if entry.host is not None and entry.host == host:
            return True
        if entry.network is not None and plain.version == entry.network.version and plain in entry.network:
            return True
    return False


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        return self.at - time.monotonic()

    def budget(self, timeout: float | None, exc: type[Exception]) -> float:
        """The time one operation may take: its own limit, cut to what is left of the deadline."""
        left = self.left()
        if left <= 0:
            raise exc("the fetch deadline has passed")
        return left if timeout is None else min(timeout, left)


def _resolve(host: str, port: int, deadline: _Deadline) -> list[tuple[str, _Address]]:
    """getaddrinfo within the deadline (it has no timeout of its own, so it runs in a thread)."""
    box: dict = {}

    def lookup() -> None:
        try:
            box["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        except Exception as exc:  # noqa: BLE001 — handed to the caller
            box["error"] = exc

    worker = threading.Thread(target=lookup, name="compare-resolve", daemon=True)
    worker.start()
    worker.join(deadline.budget(None, httpcore.ConnectTimeout))
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"resolving {host} took too long")
    if "error" in box:
        raise httpcore.ConnectError(f"cannot resolve {host}: {box['error']}")
    found: list[tuple[str, _Address]] = []
    for family, _type, _proto, _canon, sockaddr in box["infos"]:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        literal = sockaddr[0]
        pair = (literal, ipaddress.ip_address(literal.split("%", 1)[0]))
        if pair not in found:
            found.append(pair)
    if not found:
        raise httpcore.ConnectError(f"no address for {host}")
    return found


class _GuardedStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake ends by the fetch deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.budget(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.budget(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        tls = self._inner.start_tls(ssl_context, server_hostname,
                                    self._deadline.budget(timeout, httpcore.ConnectTimeout))
        return _GuardedStream(tls, self._deadline)

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """httpcore's blocking network backend, connecting only to addresses the rules permit.

    ``connect_tcp`` is the one place where httpcore opens a TCP connection, for the first request
    and for every redirect hop alike, so the check here cannot be walked around by the URL's
    spelling, by a redirect or by DNS: the name is resolved once, here; all its addresses must pass;
    the socket is opened to the vetted address literal (``socket.create_connection`` on a literal
    does no DNS); and the peer of the connected socket is checked against the vetted address.
    """

    def __init__(self, allowed: tuple[_AllowEntry, ...], deadline: _Deadline) -> None:
        self.allowed = allowed
        self.deadline = deadline

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = _resolve(host, port, self.deadline)
        refused = [str(ip) for _, ip in addresses if not _permitted(host, port, ip, self.allowed)]
        if refused:   # one bad answer refuses the name: no choosing among a mixed DNS answer
            raise _Refused(f"{host}:{port} resolves to {', '.join(refused)}")
        error: Exception | None = None
        for literal, ip in addresses:
            try:
                stream = super().connect_tcp(literal, port, self.deadline.budget(timeout, httpcore.ConnectTimeout),
                                             local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            try:
                peer = ipaddress.ip_address(stream.get_extra_info("socket").getpeername()[0].split("%", 1)[0])
            except (OSError, ValueError, AttributeError) as exc:
                stream.close()
                raise _Refused(f"{host}:{port}: cannot read the connected address ({exc})") from None
            if _plain(peer) != _plain(ip) or not _permitted(host, port, peer, self.allowed):
                stream.close()
                raise _Refused(f"{host}:{port}: connected to {peer}, not the vetted {ip}")
            return _GuardedStream(stream, self.deadline)
        assert error is not None
        raise error

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise _Refused("unix sockets are never fetched")


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport over a connection pool that uses :class:`_GuardedBackend`.

    Why this way: httpcore takes a pluggable ``network_backend`` (public API of
    ``httpcore.ConnectionPool``), and a backend's ``connect_tcp`` sees every connection the pool
    opens, with the host and port it is about to connect to. httpx 0.28's ``HTTPTransport`` has no
    parameter for it, so the pool it built is replaced by one built the same way plus the backend;
    the rest of the transport (request and response conversion, mapping httpcore's errors to
    httpx's) stays httpx's own. The alternatives are worse: a custom ``BaseTransport`` would copy
    that conversion code, an event hook or a check of the URL before the request sees neither the
    address actually connected to nor DNS rebinding, and patching ``socket`` is process-wide.
    The replacement fails closed: if httpx stops keeping its pool in ``_pool`` this raises, and
    ``load_url`` also refuses any response whose connection is not one of the backend's streams.
    No proxy is used (a proxy would connect on our behalf, out of the check's sight).
    """

    def __init__(self, backend: _GuardedBackend) -> None:
        super().__init__(trust_env=False, retries=0)
        if not isinstance(getattr(self, "_pool", None), httpcore.ConnectionPool):
            raise RuntimeError("this httpx keeps its connection pool elsewhere; the URL guard cannot be installed")
        self._pool.close()
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), network_backend=backend,
                                             max_connections=4, max_keepalive_connections=4, retries=0)


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


def _too_large(label: str, max_bytes: int, size: int | None = None) -> TooLargeError:
    what = f"{size:,} bytes is" if size is not None else "the page is"
    return TooLargeError(f"{label}: {what} over the {max_bytes:,}-byte limit; save the article text and load the file")


def _body_decoder(response: httpx.Response, label: str):
    """A bounded decompressor for a gzip/deflate body (None for a plain one). We ask for identity;
    a server that compresses anyway is decoded here, max_length-bounded, never by httpx unbounded."""
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS)
    raise FetchError(f"{label}: the server sent the page encoded as {_short(encoding, 40)}; "
                     "save the page and load the file")


def _fetch(url: str, label: str, deadline: _Deadline, max_bytes: int) -> tuple[bytes, str | None]:
    """GET ``url`` through the guard, following redirects; (body, Content-Type header or None)."""
    backend = _GuardedBackend(allow_list(), deadline)
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9, */*;q=0.1",
               "Accept-Encoding": "identity"}
    with httpx.Client(transport=_GuardedTransport(backend), trust_env=False, follow_redirects=False,
                      headers=headers) as client:
        target = httpx.URL(url)
        for _hop in range(MAX_REDIRECTS + 1):
            left = deadline.budget(None, httpx.ConnectTimeout)
            request = client.build_request("GET", target, timeout=httpx.Timeout(left))
            response = client.send(request, stream=True)
            try:
                if not isinstance(response.extensions.get("network_stream"), _GuardedStream):
                    raise _Refused("the response did not come through the guarded backend")
                if response.status_code in _REDIRECT_CODES and "Location" in response.headers:
                    target = request.url.join(response.headers["Location"])
                    if target.scheme not in ("http", "https"):
                        raise FetchError(f"{label}: redirected to a non-http address; "
                                         "only http and https URLs are supported")
                    continue
                if not 200 <= response.status_code < 300:
                    raise _Refused(f"HTTP {response.status_code} from {request.url.host}")
                length = response.headers.get("Content-Length", "").strip()
                if length.isdigit() and int(length) > max_bytes:
                    raise _too_large(label, max_bytes, int(length))
                decoder = _body_decoder(response, label)
                chunks, total = [], 0
                for raw in response.iter_raw():
                    deadline.budget(None, httpx.ReadTimeout)
                    chunk = decoder.decompress(raw, max_bytes + 1 - total) if decoder else raw
                    chunks.append(chunk)
                    total += len(chunk)
                    if total > max_bytes:
                        raise _too_large(label, max_bytes)
                if decoder:
                    chunks.append(decoder.flush())
                    if total + len(chunks[-1]) > max_bytes:
                        raise _too_large(label, max_bytes)
                return b"".join(chunks), response.headers.get("Content-Type")
            finally:
                response.close()
        raise _Refused(f"more than {MAX_REDIRECTS} redirects")


def load_url(url: str, timeout: float | None = None, max_bytes: int = MAX_FILE_BYTES) -> Article:
    """Fetch an http(s) page and return its article text.

    ``timeout`` (default FETCH_DEADLINE_S, read at call time) is one deadline for the whole fetch:
    resolving, connecting, every redirect, the headers and the body. ``max_bytes`` bounds the body.
    Addresses on private and local networks are refused unless COMPARE_URL_ALLOW lists them (see
    the notes above). Raises FetchError, with the one UNREACHABLE message for every refused address
    and every network or HTTP failure; TooLargeError when the body is too big; other InputErrors
    for unusable text.
    """
    url = url.strip()
    label = _short(url)
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(f"{label}: only http and https URLs are supported")
    deadline = _Deadline(FETCH_DEADLINE_S if timeout is None else timeout)
    try:
        data, declared_type = _fetch(url, label, deadline, max_bytes)
    except InputError:
        raise
    except (_Refused, httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, httpcore.NetworkError,
            httpcore.TimeoutException, OSError, ValueError, zlib.error) as exc:
        # the visitor learns nothing about what answered; the operator's log keeps the reason
        _log.info("fetch of %s failed: %s: %s", label, type(exc).__name__, exc)
        raise _unreachable(label) from None

    ctype = Message()
    if declared_type is not None:
        ctype["Content-Type"] = declared_type
    content_type = ctype.get_content_type()                        # 'text/plain' when absent
    declared = declared_type is not None
    if declared and content_type not in _HTML_TYPES and not content_type.startswith("text/"):
        raise FetchError(f"{label}: the server sent {content_type}, not a web page or plain text; "
                         "export the article as .txt and load the file")
    is_html = content_type in _HTML_TYPES
    text = _decode_response(data, ctype.get_content_charset(), is_html or not declared, label)
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

"""The Fetch box cannot be turned against the desk's own network (server-side request forgery).

Real HTTP servers on 127.0.0.1 stand in for the inside of a newsroom: every local spelling of an
address, every redirect into it and every failure must end in the same refusal, and only what
COMPARE_URL_ALLOW lists gets through (which is also how the happy path is tested offline). Each
server records the requests that reached it, so a refusal is shown to happen before any connection.
No mocks, no internet.
"""
from __future__ import annotations

import gzip
import ipaddress
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, unquote

import pytest

from compare.errors import FetchError, TooLargeError
from corpus import load, load_url
from corpus.load import UNREACHABLE, is_public_address

TEXT = ("The city harbour reopened on Tuesday after a storm forced the port authority to close it for "
        "three days, officials said. Fishing boats returned to the water in the morning and the first "
        "cargo ship was expected to dock in the afternoon, according to a statement from the authority.\n")
STATUS_LINE = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"


def _refusal(url: str) -> str:
    return UNREACHABLE.format(url=url)


def _fails_with_the_one_message(url: str, **kwargs) -> str:
    with pytest.raises(FetchError) as exc:
        load_url(url, **kwargs)
    msg = str(exc.value)
    assert msg == _refusal(url), msg
    return msg


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _send(self, code: int, body: bytes, ctype: str = "text/plain; charset=utf-8", extra=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.server.seen.append(self.path)
        try:
            self._route(self.path)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass

    def _pause(self, seconds: float) -> bool:
        """Sleep, or return True at once when the test is over (so no handler outlives its test)."""
        return self.server.stopping.wait(seconds)

    def _route(self, path: str):
        if path == "/article":
            self._send(200, TEXT.encode())
        elif path.startswith("/redirect?to="):
            self._send(302, b"", extra=[("Location", unquote(path.split("=", 1)[1]))])
        elif path.startswith("/loop"):
            self._send(302, b"", extra=[("Location", f"/loop{len(path)}")])
        elif path == "/slow":
            if self._pause(3):
                return
            self._send(200, TEXT.encode())
        elif path == "/trickle-headers":          # the status line and headers, one byte every 2 s
            self.close_connection = True
            for byte in STATUS_LINE[:8]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if self._pause(2):
                    return
        elif path == "/trickle-body":             # headers at once, then one byte every 0.4 s
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for byte in TEXT.encode()[:15]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if self._pause(0.4):
                    return
        elif path == "/gzip":                     # compressed although we asked for identity
            self._send(200, gzip.compress(TEXT.encode()), extra=[("Content-Encoding", "gzip")])
        elif path == "/gzip-bomb":                # 20 MB of spaces in about 20 kB
            self._send(200, gzip.compress(b" " * 20_000_000), extra=[("Content-Encoding", "gzip")])
        else:
            self._send(404, b"not here")


@pytest.fixture
def start_server():
    """start_server(tls_context=None) -> (port, seen paths); every server is stopped afterwards."""
    servers = []

    def start(tls_context: ssl.SSLContext | None = None):
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        httpd.daemon_threads = False              # server_close() joins the handlers
        httpd.seen = []
        httpd.stopping = threading.Event()
        if tls_context is not None:
            httpd.socket = tls_context.wrap_socket(httpd.socket, server_side=True)
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(httpd)
        return httpd.server_address[1], httpd.seen

    yield start
    for httpd in servers:
        httpd.stopping.set()
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    monkeypatch.delenv("COMPARE_URL_ALLOW", raising=False)
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def _unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- local addresses

def test_local_server_is_refused_unless_allowed_and_then_fetched(start_server, monkeypatch):
    port, seen = start_server()
    url = f"http://127.0.0.1:{port}/article"
    _fails_with_the_one_message(url)
    with pytest.raises(FetchError) as exc:
        load(url)                                  # the command line's and the page's entry point
    assert str(exc.value) == _refusal(url)
    assert seen == []                              # refused before connecting
    for allowed in ("127.0.0.1", "127.0.0.0/8", f"127.0.0.1:{port}", "10.0.0.0/8, 127.0.0.1/32",
                    "[::ffff:127.0.0.1]"):
        monkeypatch.setenv("COMPARE_URL_ALLOW", allowed)
        art = load_url(url)
        assert art.text == TEXT and art.source == url, allowed
    assert seen == ["/article"] * 5
    monkeypatch.setenv("COMPARE_URL_ALLOW", "localhost")      # a name allows that name
    assert load_url(f"http://localhost:{port}/article").text == TEXT
    _fails_with_the_one_message(url)                            # ... not its address written out


@pytest.mark.parametrize("allowed", ["127.0.0.1:1", "127.0.0.2", "127.0.0.1/33", "not a host", "::1"])
def test_allow_list_entries_that_do_not_cover_the_address_allow_nothing(start_server, monkeypatch, allowed):
    port, seen = start_server()
    monkeypatch.setenv("COMPARE_URL_ALLOW", allowed)
    _fails_with_the_one_message(f"http://127.0.0.1:{port}/article")
    assert seen == []


@pytest.mark.parametrize("host", [
    "127.0.0.1", "localhost", "LocalHost", "0x7f000001", "0x7F.0.0.1", "2130706433", "017700000001",
    "0177.0.0.1", "127.1", "127.0.1", "127.000.000.001", "0", "0.0.0.0", "[::1]", "[::]",
    "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:127.0.0.1]", "[::127.0.0.1]",
])
def test_every_spelling_of_a_local_address_is_refused(start_server, host):
    port, seen = start_server()
    _fails_with_the_one_message(f"http://{host}:{port}/article")
    assert seen == []


@pytest.mark.parametrize("host", [
    "169.254.169.254", "10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1", "224.0.0.1",
    "255.255.255.255", "192.0.2.1", "240.0.0.1", "[fd00::1]", "[fe80::1]", "[fec0::1]", "[ff02::1]",
    "[::ffff:10.0.0.1]", "[::ffff:169.254.169.254]", "[2002:7f00:1::]", "[64:ff9b::a9fe:a9fe]",
])
def test_private_link_local_and_reserved_addresses_are_refused_without_a_connection(host):
    t0 = time.monotonic()
    _fails_with_the_one_message(f"http://{host}/latest/meta-data/", timeout=5)
    assert time.monotonic() - t0 < 1.0             # refused at once, not after a connect attempt


def test_public_address_table():
    for text in ("8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::"):
        assert is_public_address(ipaddress.ip_address(text)), text
    for text in ("127.0.0.1", "10.1.2.3", "172.31.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1",
                 "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::",
                 "fe80::1", "fd12::1", "fec0::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                 "2002:7f00:1::", "2002:a00:1::", "64:ff9b::7f00:1", "2001::1", "2001:db8::1"):
        assert not is_public_address(ipaddress.ip_address(text)), text


# --------------------------------------------------------------------------- redirects

@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{inner}/article", "http://localhost:{inner}/article", "http://0x7f000001:{inner}/article",
    "http://2130706433:{inner}/article", "http://[::ffff:127.0.0.1]:{inner}/article", "http://[::1]:{inner}/article",
    "http://169.254.169.254/latest/meta-data/",
])
def test_redirect_from_an_allowed_page_to_a_local_address_is_refused(start_server, monkeypatch, target):
    outer, outer_seen = start_server()             # the page the visitor asked for (allowed)
    inner, inner_seen = start_server()             # an inside service on another port
    monkeypatch.setenv("COMPARE_URL_ALLOW", f"127.0.0.1:{outer}")
    url = f"http://127.0.0.1:{outer}/redirect?to={quote(target.format(inner=inner), safe='')}"
    _fails_with_the_one_message(url, timeout=5)
    assert outer_seen == [url.split(str(outer), 1)[1]]
    assert inner_seen == []                        # never reached
    assert load_url(f"http://127.0.0.1:{outer}/redirect?to=/article").text == TEXT   # same host: fine


def test_redirect_on_an_allowed_name_to_its_address_is_refused(start_server, monkeypatch):
    port, seen = start_server()
    monkeypatch.setenv("COMPARE_URL_ALLOW", "localhost")
    path = "/redirect?to=" + quote(f"http://127.0.0.1:{port}/article", safe="")
    _fails_with_the_one_message(f"http://localhost:{port}{path}")
    assert seen == [path]


def test_redirect_loops_end(start_server, monkeypatch):
    port, seen = start_server()
    monkeypatch.setenv("COMPARE_URL_ALLOW", "127.0.0.1")
    _fails_with_the_one_message(f"http://127.0.0.1:{port}/loop")
    assert 2 <= len(seen) <= 7


# --------------------------------------------------------------------------- one message, one deadline

def test_every_failure_gives_the_same_message(start_server, monkeypatch):
    port, _ = start_server()
    monkeypatch.setenv("COMPARE_URL_ALLOW", "127.0.0.1")
    base = f"http://127.0.0.1:{port}"
    cases = {
        "refused address": (f"http://[::1]:{port}/article", {}),
        "HTTP 404": (f"{base}/missing", {}),
        "connection refused": (f"http://127.0.0.1:{_unused_port()}/article", {}),
        "timeout": (f"{base}/slow", {"timeout": 1}),
        "unknown host": ("http://no-such-host.invalid/article", {"timeout": 2}),
        "redirect loop": (f"{base}/loop", {}),
    }
    messages = {}
    for what, (url, kwargs) in cases.items():
        messages[what] = _fails_with_the_one_message(url, **kwargs).replace(url, "<url>")
    assert len(set(messages.values())) == 1, messages


def test_headers_trickled_one_byte_every_two_seconds_are_cut_at_the_deadline(start_server, monkeypatch):
    port, _ = start_server()
    monkeypatch.setenv("COMPARE_URL_ALLOW", "127.0.0.1")
    url = f"http://127.0.0.1:{port}/trickle-headers"
    t0 = time.monotonic()
    _fails_with_the_one_message(url, timeout=3)    # each byte comes well within any per-read timeout
    assert time.monotonic() - t0 < 3 + 1.0


def test_deadline_is_a_module_setting_covering_the_body(start_server, monkeypatch):
    port, _ = start_server()
    monkeypatch.setenv("COMPARE_URL_ALLOW", "127.0.0.1")
    monkeypatch.setattr(sys.modules["corpus.load"], "FETCH_DEADLINE_S", 1.5)
    url = f"http://127.0.0.1:{port}/trickle-body"
    t0 = time.monotonic()
    _fails_with_the_one_message(url)
    assert time.monotonic() - t0 < 1.5 + 1.0


# --------------------------------------------------------------------------- bodies and TLS

def test_compressed_body_is_decoded_within_the_size_limit(start_server, monkeypatch):
    port, _ = start_server()
    monkeypatch.setenv("COMPARE_URL_ALLOW", "127.0.0.1")
    assert load_url(f"http://127.0.0.1:{port}/gzip").text == TEXT
    with pytest.raises(TooLargeError):
        load_url(f"http://127.0.0.1:{port}/gzip-bomb", max_bytes=100_000)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a test certificate")
def test_https_goes_through_the_same_guard_and_deadline(start_server, monkeypatch, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    port, seen = start_server(context)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))          # trust the test certificate
    url = f"https://localhost:{port}/article"
    _fails_with_the_one_message(url)
    assert seen == []
    monkeypatch.setenv("COMPARE_URL_ALLOW", "localhost")
    assert load_url(url).text == TEXT
    t0 = time.monotonic()
    _fails_with_the_one_message(f"https://localhost:{port}/trickle-body", timeout=1.5)
    assert time.monotonic() - t0 < 1.5 + 1.0

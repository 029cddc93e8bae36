"""Article loaders: real files in tmp_path and a real HTTP server on 127.0.0.1 (no mocks, no internet)."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from compare.errors import (BinaryInputError, EmptyTextError, EncodingError, FetchError, InputError,
                            LanguageError, MissingFileError, TooLargeError)
from compare.text.inputs import MAX_FILE_BYTES
from corpus import DEMO_DIR, Article, demo_pair, list_pairs, load, load_file, load_folder, load_text, load_url
from corpus.load import UNREACHABLE

SEEDS = Path("/work/shared/seeds")

PARA1 = ("The city harbour reopened on Tuesday after a storm forced the port authority to close it "
         "for three days, officials said.")
PARA2 = ("Fishing boats returned to the water in the morning and the first cargo ship was expected "
         "to dock in the afternoon, according to a statement from the authority.")
PARA3 = '"We are relieved that the damage was less than we feared," the harbour master told reporters.'
ENGLISH = f"{PARA1}\n\n{PARA2}\n\n{PARA3}\n"

ARTICLE_HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Harbour reopens</title>
<style>body {{ color: red }} .STYLE_MARKER {{}}</style>
<script>var tracking = "SCRIPT_MARKER";</script></head>
<body>
<header><a href="/">HEADER_MARKER Daily Bugle</a></header>
<nav><ul><li><a href="/world">NAV_MARKER World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Harbour reopens after storm</h1>
<p>{PARA1}</p>
<p>{PARA2}</p>
<p>{PARA3}</p>
</article>
<aside>Related: ASIDE_MARKER Ten best beaches</aside>
<footer>FOOTER_MARKER Copyright Daily Bugle</footer>
<script>console.log("SCRIPT_MARKER")</script>
</body></html>
"""
MARKERS = ("SCRIPT_MARKER", "STYLE_MARKER", "NAV_MARKER", "FOOTER_MARKER", "ASIDE_MARKER", "console.log")

FRENCH = ("Le port de la ville a rouvert mardi après qu'une tempête a contraint l'autorité portuaire "
          "à le fermer pendant trois jours, ont indiqué les responsables. Les bateaux de pêche sont "
          "retournés en mer dans la matinée.")
GERMAN = ("Der Hafen der Stadt wurde am Dienstag wieder geöffnet, nachdem ein Sturm die Hafenbehörde "
          "gezwungen hatte, ihn drei Tage lang zu schließen, teilten Beamte mit. Die Fischerboote "
          "fuhren am Morgen wieder hinaus.")


def _one_line(exc: pytest.ExceptionInfo) -> str:
    msg = str(exc.value)
    assert "\n" not in msg, f"message should be one line: {msg!r}"
    return msg


# --------------------------------------------------------------------------- pasted text

def test_pasted_text_is_kept_exactly():
    art = load_text(ENGLISH)
    assert art == Article(name="pasted text", text=ENGLISH, source="")
    assert load_text(ENGLISH, name="wire").name == "wire"


@pytest.mark.parametrize("text, error", [("", EmptyTextError), ("  \n\t ", EmptyTextError),
                                         (FRENCH, LanguageError), (GERMAN, LanguageError)])
def test_pasted_text_refused(text, error):
    with pytest.raises(error) as exc:
        load_text(text, name="derived")
    assert _one_line(exc).startswith("derived:")


def test_pasted_whole_page_is_extracted_like_an_uploaded_html_file(tmp_path):
    f = tmp_path / "article.html"
    f.write_text(ARTICLE_HTML, encoding="utf-8")
    art = load_text(ARTICLE_HTML, name="derived")
    assert art.text == load_file(f).text and art.name == "derived" and art.source == ""
    for marker in MARKERS:
        assert marker not in art.text


@pytest.mark.parametrize("pasted", [
    f"{PARA1} <script>var x = 'SCRIPT_MARKER. Shares rose.';</script> {PARA2}\n\n{PARA3}\n",
    f"<p>{PARA1}</p>\n<p>{PARA2}</p><div>{PARA3}</div>",
    f"{PARA1}<br>{PARA2}<br/>\n<style>.STYLE_MARKER{{}}</style>{PARA3}",
    f"{PARA1}\n\n<b>{PARA2}</b>\n\n{PARA3}",
])
def test_pasted_html_piece_loses_its_tags_and_scripts_and_keeps_every_sentence(pasted):
    from compare.text.segment import segment
    art = load_text(pasted, name="derived")
    assert "<" not in art.text and "MARKER" not in art.text
    sentences = [s.text for s in segment(art.text).sentences]
    assert sentences == [PARA1, PARA2, PARA3]          # three sentences, none run into the next


@pytest.mark.parametrize("text", [ENGLISH.replace("three days", "three days (profits < 5% a<b)"),
                                  ENGLISH.replace("officials said", "officials said <a lot of> things")])
def test_pasted_text_with_angle_brackets_but_no_tags_is_kept_exactly(text):
    assert load_text(text).text == text


def test_pasted_html_without_article_text_is_refused():
    with pytest.raises(EmptyTextError) as exc:
        load_text("<div><script>document.write('loading')</script></div>", name="derived")
    assert _one_line(exc).startswith("derived:") and "HTML" in _one_line(exc)


# --------------------------------------------------------------------------- files

def test_txt_file_loads_as_written(tmp_path):
    f = tmp_path / "wire.txt"
    f.write_bytes(ENGLISH.encode("utf-8"))
    art = load_file(f)
    assert art.name == "wire.txt"
    assert art.text == ENGLISH
    assert art.source == str(f)
    assert load_file(str(f)) == art          # str paths work too


def test_utf8_bom_and_utf16_files_decode(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "Café owners said the harbour reopened on Tuesday "
                                       "after the storm, and the boats were back in the water.".encode())
    (tmp_path / "u16.txt").write_bytes(ENGLISH.encode("utf-16"))
    assert load_file(tmp_path / "bom.txt").text.startswith("Café owners")
    assert load_file(tmp_path / "u16.txt").text == ENGLISH


def test_markdown_is_compared_as_written(tmp_path):
    md = f"# Harbour reopens\n\n**{PARA1}**\n\n- {PARA2}\n\n> {PARA3}\n"
    f = tmp_path / "rewrite.md"
    f.write_text(md, encoding="utf-8")
    art = load_file(f)
    assert art.text == md                    # markup kept: offsets index the file's text
    assert art.name == "rewrite.md"


@pytest.mark.parametrize("filename", ["article.html", "article.HTM", "saved_page.txt"])
def test_html_file_keeps_article_and_drops_scripts_and_navigation(tmp_path, filename):
    f = tmp_path / filename                  # .txt holding a saved page is sniffed as HTML
    f.write_text(ARTICLE_HTML, encoding="utf-8")
    art = load_file(f)
    for para in (PARA1, PARA2, PARA3):
        assert para in art.text
    for marker in MARKERS:
        assert marker not in art.text
    assert "<p>" not in art.text and "<script" not in art.text
    assert art.text.index(PARA1) < art.text.index(PARA2) < art.text.index(PARA3)


def test_html_file_without_article_text_is_refused(tmp_path):
    f = tmp_path / "blank.html"
    f.write_text("<!doctype html><html><head><script>var x = 1;</script></head>"
                 "<body><script>document.write('loading')</script></body></html>", encoding="utf-8")
    with pytest.raises(EmptyTextError) as exc:
        load_file(f)
    assert str(f) in _one_line(exc)


@pytest.mark.parametrize("content, error", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, BinaryInputError),
    (b"The harbour reopened\x00\x00\x00 on Tuesday after the storm.", BinaryInputError),
    ("Café owners said the harbour reopened on Tuesday after the storm, and the boats were "
     "back in the water by the afternoon.".encode("latin-1"), EncodingError),
    (b"", EmptyTextError),
    (b"\n   \n\t\n", EmptyTextError),
    (FRENCH.encode("utf-8"), LanguageError),
    (GERMAN.encode("utf-8"), LanguageError),
], ids=["png", "nul-bytes", "latin-1", "empty", "whitespace", "french", "german"])
def test_unusable_files_raise_a_clear_input_error(tmp_path, content, error):
    f = tmp_path / "article.txt"
    f.write_bytes(content)
    with pytest.raises(error) as exc:
        load_file(f)
    assert isinstance(exc.value, InputError)
    assert str(f) in _one_line(exc)


def test_latin1_message_points_at_the_byte(tmp_path):
    f = tmp_path / "cafe.txt"
    f.write_bytes("The café reopened on Tuesday after the storm closed the harbour.".encode("latin-1"))
    with pytest.raises(EncodingError) as exc:
        load_file(f)
    assert "0xe9" in str(exc.value) and "UTF-8" in str(exc.value)


def test_two_megabyte_file_is_refused_before_reading(tmp_path):
    f = tmp_path / "huge.txt"
    line = (PARA1 + "\n").encode()
    f.write_bytes(line * (2_000_000 // len(line) + 1))
    assert f.stat().st_size > MAX_FILE_BYTES
    t0 = time.monotonic()
    with pytest.raises(TooLargeError) as exc:
        load_file(f)
    assert time.monotonic() - t0 < 1.0
    msg = _one_line(exc)
    assert str(f) in msg and "limit" in msg


def test_missing_path_and_folder_are_refused(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(MissingFileError) as exc:
        load_file(missing)
    assert str(missing) in _one_line(exc)
    assert isinstance(exc.value, FileNotFoundError)
    with pytest.raises(MissingFileError) as exc:
        load_file(tmp_path)
    assert str(tmp_path) in _one_line(exc) and "folder" in str(exc.value)


def test_load_folder_reads_article_files_sorted_by_name(tmp_path):
    (tmp_path / "b_rewrite.md").write_text(f"# Harbour\n\n{PARA2}\n", encoding="utf-8")
    (tmp_path / "a_wire.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "c_page.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    arts = load_folder(tmp_path)
    assert [a.name for a in arts] == ["a_wire.txt", "b_rewrite.md", "c_page.html"]
    assert arts[0].text == ENGLISH
    assert "NAV_MARKER" not in arts[2].text and PARA1 in arts[2].text
    with pytest.raises(MissingFileError) as exc:
        load_folder(tmp_path / "absent")
    assert "absent" in _one_line(exc)


# --------------------------------------------------------------------------- URLs

BIG_BODY = (PARA1 + "\n").encode() * 40                # about 5,000 bytes of English


class _Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def log_message(self, *args):             # keep test output quiet
        pass

    def _send(self, code, body: bytes, ctype: str | None, length: bool = True):
        self.send_response(code)
        if ctype:
            self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        try:
            self._route()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _route(self):
        path = self.path
        if path == "/article.html":
            self._send(200, ARTICLE_HTML.encode(), "text/html; charset=utf-8")
        elif path == "/untyped":
            self._send(200, ARTICLE_HTML.encode(), None)
        elif path == "/plain.txt":
            self._send(200, ENGLISH.encode(), "text/plain; charset=utf-8")
        elif path == "/latin1.txt":
            self._send(200, f"Café owners said: {PARA1}".encode("latin-1"), "text/plain; charset=ISO-8859-1")
        elif path == "/french.txt":
            self._send(200, FRENCH.encode(), "text/plain; charset=utf-8")
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        elif path == "/big":
            self._send(200, BIG_BODY, "text/plain")
        elif path == "/big-unannounced":       # no Content-Length: the reader must stop by itself
            self.close_connection = True
            self._send(200, BIG_BODY, "text/plain", length=False)
        elif path == "/slow":
            time.sleep(3)
            self._send(200, ENGLISH.encode(), "text/plain")
        elif path == "/trickle":                # headers at once, then one byte every 0.1 s
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for ch in ENGLISH.encode()[:60]:
                self.wfile.write(bytes([ch]))
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/article.txt")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/to-article":
            self.send_response(301)
            self.send_header("Location", "/article.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/error":
            self._send(500, b"boom", "text/plain")
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _allow_the_local_test_server(monkeypatch):
    """Local addresses are refused unless allowed (tests/test_fetch.py); these tests fetch from one."""
    monkeypatch.setenv("COMPARE_URL_ALLOW", "127.0.0.1")


def test_url_html_article_is_extracted(server):
    url = f"{server}/article.html"
    art = load_url(url)
    assert art.source == url and art.name == url
    for para in (PARA1, PARA2, PARA3):
        assert para in art.text
    for marker in MARKERS:
        assert marker not in art.text
    assert _Handler.seen_agents[-1] == "compare/0.1"


def test_url_without_content_type_is_sniffed_and_redirects_are_followed(server):
    assert PARA2 in load_url(f"{server}/untyped").text
    art = load_url(f"{server}/to-article")
    assert PARA1 in art.text and "NAV_MARKER" not in art.text


def test_url_plain_text_is_kept_as_is(server):
    assert load_url(f"{server}/plain.txt").text == ENGLISH
    assert load(f"{server}/plain.txt").text == ENGLISH      # load() sends http:// to load_url


def test_url_declared_charset_is_used(server):
    assert load_url(f"{server}/latin1.txt").text.startswith("Café owners said")


@pytest.mark.parametrize("path", ["/missing", "/error"])
def test_url_http_errors_give_the_one_unreachable_message(server, path):
    with pytest.raises(FetchError) as exc:
        load_url(server + path)
    assert _one_line(exc) == UNREACHABLE.format(url=server + path)     # no status: nothing to scan with


def test_url_oversized_body_is_refused(server):
    for path in ("/big", "/big-unannounced"):
        with pytest.raises(TooLargeError) as exc:
            load_url(server + path, max_bytes=1000)
        assert server + path in _one_line(exc)
    assert load_url(f"{server}/big", max_bytes=10_000).text == BIG_BODY.decode()   # under the limit: fine


def test_url_slow_server_times_out(server):
    for path in ("/slow", "/trickle"):
        t0 = time.monotonic()
        with pytest.raises(FetchError) as exc:
            load_url(server + path, timeout=0.5)
        assert time.monotonic() - t0 < 2.0, path
        assert _one_line(exc) == UNREACHABLE.format(url=server + path)


def test_url_non_text_content_and_non_english_are_refused(server):
    with pytest.raises(FetchError) as exc:
        load_url(f"{server}/image.png")
    assert "image/png" in _one_line(exc)
    with pytest.raises(LanguageError) as exc:
        load_url(f"{server}/french.txt")
    assert f"{server}/french.txt" in _one_line(exc)


def test_unreachable_host_is_a_fetch_error():
    import socket
    with socket.socket() as s:                 # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError) as exc:
        load_url(f"http://127.0.0.1:{port}/article", timeout=2)
    assert _one_line(exc) == UNREACHABLE.format(url=f"http://127.0.0.1:{port}/article")


@pytest.mark.parametrize("url", ["ftp://example.com/article.txt", "file:///etc/passwd",
                                 "javascript:alert(1)", "FILE:///etc/hosts"])
def test_other_schemes_are_refused(url):
    with pytest.raises(FetchError) as exc:
        load_url(url)
    assert "only http and https" in _one_line(exc)
    with pytest.raises(FetchError) as exc:
        load(url)
    assert "only http and https" in _one_line(exc)


def test_redirect_to_ftp_is_refused(server):
    with pytest.raises(FetchError) as exc:
        load_url(f"{server}/to-ftp")
    assert "only http and https" in _one_line(exc)


def test_load_treats_other_strings_as_paths(tmp_path, monkeypatch):
    f = tmp_path / "wire.txt"
    f.write_text(ENGLISH, encoding="utf-8")
    assert load(str(f)).text == ENGLISH
    monkeypatch.chdir(tmp_path)
    assert load("wire.txt").name == "wire.txt"
    with pytest.raises(MissingFileError) as exc:
        load("www.example.com/story")
    assert "www.example.com/story" in _one_line(exc)


# --------------------------------------------------------------------------- demo

def test_demo_pair_is_the_seed_texts():
    wire, derived = demo_pair()
    assert wire.name == "wire_dawn_reuters_2023-12-27.txt"
    assert [d.name for d in derived] == ["derived_rewrite_2023-12-28.txt"]
    for art in (wire, *derived):
        on_disk = (DEMO_DIR / art.name).read_bytes().decode("utf-8-sig")
        assert art.text == on_disk
        if SEEDS.is_dir():
            assert (DEMO_DIR / art.name).read_bytes() == (SEEDS / art.name).read_bytes()
    assert "Lavrov" in wire.text


def test_list_pairs_includes_the_demo():
    pairs = list_pairs()
    wire, derived = pairs["demo"]
    assert wire == DEMO_DIR / "wire_dawn_reuters_2023-12-27.txt"
    assert derived == [DEMO_DIR / "derived_rewrite_2023-12-28.txt"]
    for name, (w, ds) in pairs.items():
        assert w.name.lower().startswith("wire") and ds and all(d.is_file() for d in ds), name

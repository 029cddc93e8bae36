"""The review desk served by a real ``streamlit run app.py`` on a free local port, for the browser test
and the speed bench (``bench/speed.py`` times the start-up through it)."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"          # Debian's Chromium (``make browser``); Playwright never downloads one
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


class PageServerError(RuntimeError):
    """The server exited or did not answer in time (the message carries its log)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


@contextmanager
def serve_page(env: dict, log_path: Path, timeout_s: float, poll_s: float = 0.5,
               python: str = sys.executable) -> Iterator[str]:
    """Start the page, wait until ``/_stcore/health`` answers, yield its URL; terminated whatever happens."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    streamlit = Path(python).with_name("streamlit")
    with open(log_path, "w") as log:
        proc = subprocess.Popen([str(streamlit), "run", "app.py", "--server.headless", "true", "--server.port",
                                 str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout_s
            while not healthy(url):
                if proc.poll() is not None:
                    raise PageServerError(f"streamlit exited with {proc.returncode}:\n{Path(log_path).read_text()}")
                if time.monotonic() > deadline:
                    raise PageServerError(f"streamlit not healthy after {timeout_s} s")
                time.sleep(poll_s)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)

"""End to end in a real browser: `streamlit run app.py` on a free loopback port, driven by Debian's Chromium.

Skipped when /usr/bin/chromium is missing (``make browser`` installs it). Never runs ``playwright install``.
The screenshot is saved to test-artifacts/browser.png.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from page_server import CHROMIUM, CHROMIUM_ARGS, ROOT, PageServerError, serve_page

ARTIFACTS = ROOT / "test-artifacts"
START_TIMEOUT_S = 120
EDITOR = "Browser Tester"


@pytest.fixture
def server(tmp_path: Path):
    """The page served by a real `streamlit run` on 127.0.0.1; terminated whatever happens."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (run `make browser`)")
    db = tmp_path / "reviews.sqlite3"
    env = dict(os.environ, COMPARE_DB=str(db), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               TOKENIZERS_PARALLELISM="false")
    try:
        with serve_page(env, tmp_path / "server.log", START_TIMEOUT_S) as url:
            yield url, db
    except PageServerError as exc:           # raised only while the server starts
        pytest.fail(str(exc))


def _full_page_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside its own container: grow the viewport to the content, then shoot."""
    height = page.evaluate("() => Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
    page.set_viewport_size({"width": 1500, "height": min(int(height) + 40, 16000)})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(path), full_page=True)


def test_demo_review_survives_a_reload(server) -> None:
    from playwright.sync_api import expect, sync_playwright

    from compare.document import sha256
    from compare.store import ReviewStore
    from corpus import demo_pair

    url, db = server
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            page.goto(url)
            # the demo pair is compared on open: flags are marked in the text and the first is up for review
            expect(page.get_by_text("Flag 1 of")).to_be_visible(timeout=150_000)
            expect(page.locator(".cmp-article mark").first).to_be_visible()
            expect(page.locator(".cmp-article mark", has_text="Monday")).to_be_visible()
            expect(page.locator(".cmp-tag", has_text="unsupported").first).to_be_visible()
            words = page.locator(".cmp-card mark").first.inner_text()     # the flag's words, inside its claim

            name_box = page.get_by_role("textbox", name="Your name")
            name_box.fill(EDITOR)
            name_box.press("Enter")
            expect(page.get_by_text("Enter your name in the sidebar")).to_have_count(0, timeout=30_000)
            page.get_by_role("button", name="Confirm", exact=True).click()
            expect(page.get_by_text("Flag 2 of")).to_be_visible(timeout=30_000)
            decided = page.locator("table.cmp-decisions tr", has_text=EDITOR)
            expect(decided).to_have_count(1, timeout=30_000)       # the rerun after the click may still be drawing
            expect(decided).to_contain_text("Confirmed")

            with ReviewStore(db) as store:             # saved in the server's store
                wire, derived = demo_pair()
                latest = store.latest(sha256(wire.text), sha256(derived[0].text))
            assert [(d.decision, d.editor) for d in latest.values()] == [("confirmed", EDITOR)]
            assert words in next(iter(latest.values())).flag_text

            page.reload()                               # a new session: the decision is still there
            expect(page.get_by_text("Decisions (latest per flag)")).to_be_visible(timeout=120_000)
            decided = page.locator("table.cmp-decisions tr", has_text=EDITOR)
            expect(decided).to_have_count(1, timeout=60_000)
            expect(decided).to_contain_text("Confirmed")
            expect(decided).to_contain_text(words)
            expect(page.get_by_text(re.compile(r"^1 of \d+ flags decided"))).to_be_visible()
            expect(page.get_by_role("textbox", name="Your name")).to_have_value(EDITOR)   # kept in the address
            page.wait_for_timeout(1000)
            _full_page_screenshot(page, ARTIFACTS / "browser.png")
        finally:
            browser.close()
    assert (ARTIFACTS / "browser.png").stat().st_size > 10_000

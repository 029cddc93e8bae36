"""End to end in a real browser: `streamlit run app.py` on a free loopback port, driven by Debian's Chromium.

Skipped when /usr/bin/chromium is missing (``make browser`` installs it). Never runs ``playwright install``.
An editor clears every flag of the demo pair at 1280×720 and at 1440×900, with the keyboard and with clicks,
every decision control inside the viewport whenever its flag is selected; the decisions are there after a
reload. The 1440×900 run saves the desk's screenshot to docs/screenshot.png.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from page_server import CHROMIUM, CHROMIUM_ARGS, ROOT, PageServerError, serve_page

START_TIMEOUT_S = 120
EDITOR = "Browser Tester"
SCREENSHOT = ROOT / "docs" / "screenshot.png"


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


def _in_view(page, locator, control: bool = True) -> None:
    """The control lies inside the viewport and nothing covers its middle (no toast, no scroll needed)."""
    box = locator.bounding_box()
    vp = page.viewport_size
    assert box is not None, "control not rendered"
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= vp["width"] \
        and box["y"] + box["height"] <= vp["height"], (box, vp)
    if not control:
        return
    covered = page.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y); return e && "
                            "(e.closest('button') || e.closest('input')) ? null : (e ? e.outerHTML.slice(0, 80) : 'none'); }",
                            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert covered is None, covered


def _one(locator):
    """The live copy of a control: Streamlit can keep a stale copy of a moved element a while after it
    redraws, and the live one comes last."""
    for _ in range(50):
        if locator.count() == 1:
            break
        locator.page.wait_for_timeout(100)
    return locator.last


def _settled(page) -> None:
    """Wait until the page's script run is over: a download button clicked while a run still draws
    the page may be one the run is replacing, and serve nothing."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => { const a = document.querySelector('[data-testid=stApp]');"
                           " return a && a.getAttribute('data-test-script-state') === 'notRunning'; }", timeout=120_000)


def _decided(page) -> int:
    text = page.locator("[class*='st-key-queue_0']").get_by_text(re.compile(r"\d+ of \d+ flags? decided")).inner_text()
    return int(text.split(" of ")[0])


@pytest.mark.parametrize("width, height", [(1280, 720), (1440, 900)])
def test_an_editor_clears_the_demo_with_keys_and_clicks(server, width: int, height: int) -> None:
    from playwright.sync_api import expect, sync_playwright

    from compare.document import sha256
    from compare.review.store import ReviewStore
    from corpus import demo_pair

    url, db = server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url)
            card = page.locator("[class*='st-key-selrow_0'] .cmp-head")
            expect(card).to_contain_text("Flag 1 of", timeout=150_000)
            total = int(re.search(r"Flag 1 of (\d+)", card.inner_text()).group(1))
            name_box = page.get_by_role("textbox", name="Your name")
            name_box.fill(EDITOR)
            name_box.press("Enter")
            expect(page.get_by_text("Enter your name in the sidebar")).to_have_count(0, timeout=30_000)

            # a click on a highlight in the article selects its flag and brings its controls into view
            page.wait_for_function("() => window.__cmpPick === true", timeout=30_000)
            page.wait_for_timeout(1000)                                 # the name's rerun has finished
            page.locator(".cmp-sbs .fl[data-pick='pick_0_5']").first.click()
            expect(card).to_contain_text("Flag 6 of", timeout=30_000)
            # a key goes to the buttons the page has once its run is over: pressed while the run still draws,
            # it can reach the old "Previous" (of flag 1, disabled) and do nothing
            _settled(page)
            page.keyboard.press("K")                                    # previous, by key
            expect(card).to_contain_text("Flag 5 of", timeout=30_000)
            _settled(page)
            page.keyboard.press("J")                                    # and next, by key
            expect(card).to_contain_text("Flag 6 of", timeout=30_000)
            _settled(page)
            page.keyboard.press("K")
            expect(card).to_contain_text("Flag 5 of", timeout=30_000)

            decided, step = 0, 0
            while decided < total:
                head = card.inner_text()
                page.mouse.move(1, 1)                                       # no tooltip from the last click
                _settled(page)                                              # keys reach this flag's buttons
                sel = _one(page.locator("[class*='st-key-selrow_0']"))
                for label in ("Confirm", "Dismiss", "Needs source"):
                    _in_view(page, sel.get_by_role("button", name=re.compile("^" + label)))
                _in_view(page, sel.get_by_role("textbox"))
                _in_view(page, page.locator(".cmp-sbs .fl.sel").first, control=False)      # the claim, in the article
                how = step % 4
                if how == 0:
                    page.keyboard.press("1")                                # Confirm by key
                elif how == 1:
                    page.keyboard.press("2")                                # Dismiss by key
                elif how == 2:
                    sel.get_by_role("textbox").fill("needs the bureau")
                    sel.get_by_role("button", name=re.compile("^Needs source")).click()
                else:
                    sel.get_by_role("button", name=re.compile("^Confirm")).click()
                expect(page.get_by_text(f"{decided + 1} of {total} flags decided")).to_be_visible(timeout=30_000)
                decided, step = decided + 1, step + 1
                if decided < total:
                    expect(card).not_to_have_text(head, timeout=30_000)     # the next flag is selected
            assert _decided(page) == total
            # decided flags take their decision's colour in the article
            assert page.locator(".cmp-sbs .fl.dec-none").count() == 0
            assert page.locator(".cmp-sbs .fl.dec-confirmed").count() > 0
            assert page.locator(".cmp-sbs .fl.dec-needs_source").count() > 0

            with ReviewStore(db) as store:
                wire, derived = demo_pair()
                latest = store.latest(sha256(wire.text), sha256(derived[0].text))
            assert len(latest) == total and {d.editor for d in latest.values()} == {EDITOR}
            assert {d.decision for d in latest.values()} == {"confirmed", "dismissed", "needs_source"}
            assert any(d.note == "needs the bureau" for d in latest.values())

            page.reload()                               # a new session: the decisions are still there
            expect(page.get_by_text(f"{total} of {total} flags decided")).to_be_visible(timeout=120_000)
            expect(page.get_by_role("textbox", name="Your name")).to_have_value(EDITOR)   # kept in the address
            assert page.locator(".cmp-sbs .fl.dec-none").count() == 0
            expect(page.locator("table.cmp-decisions tr", has_text=EDITOR)).to_have_count(total)
            if width == 1440:
                page.locator("[class*='st-key-pick_0_'] button").nth(2).click()
                page.wait_for_timeout(1500)
                page.screenshot(path=str(SCREENSHOT))
        finally:
            browser.close()
    if width == 1440:
        assert SCREENSHOT.stat().st_size > 10_000


def test_a_long_paste_prepares_its_reports_when_asked(server) -> None:
    """Past LAZY_EXPORTS characters the reports are made when the editor asks, not on every run (a
    decision click on a 100 KB paste took 2.4 s with them): Prepare, then the download comes, whole, with
    the decision just made; a later decision asks for them to be prepared again."""
    import json

    from playwright.sync_api import expect, sync_playwright

    from corpus import demo_pair
    from desk.sections import LAZY_EXPORTS

    _, derived = demo_pair()
    paras = [p for p in derived[0].text.split("\n\n") if p.strip()]
    long_text, k = [], 0
    while sum(len(p) + 2 for p in long_text) <= LAZY_EXPORTS:       # the rewrite's paragraphs, numbered
        long_text.append(f"Part {k + 1}. {paras[k % len(paras)]}")
        k += 1
    long_text = "\n\n".join(long_text)
    url, _ = server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
            page.goto(url)
            card = page.locator("[class*='st-key-selrow_0'] .cmp-head")
            expect(card).to_contain_text("Flag 1 of", timeout=150_000)
            demo_total = re.search(r"Flag 1 of (\d+)", card.inner_text()).group(1)
            name_box = page.get_by_role("textbox", name="Your name")
            name_box.fill(EDITOR)
            name_box.press("Enter")
            expect(page.get_by_text("Enter your name in the sidebar")).to_have_count(0, timeout=30_000)
            box = page.get_by_role("textbox", name="Derived article 1", exact=True)
            box.fill(long_text)
            box.press("Tab")                                        # the edit reaches the server
            page.wait_for_timeout(1500)
            page.get_by_role("button", name="Compare").click()
            expect(card).not_to_contain_text(f"Flag 1 of {demo_total} ", timeout=240_000)    # the paste's flags
            expect(card).to_contain_text("Flag 1 of", timeout=60_000)
            page.wait_for_timeout(1000)
            page.mouse.move(1, 1)
            page.keyboard.press("1")                                # Confirm the selected flag
            expect(page.get_by_text(re.compile(r"1 of \d+ flags? decided"))).to_be_visible(timeout=60_000)
            assert page.get_by_role("button", name=re.compile("JSON")).count() == 0
            prepare = page.get_by_role("button", name=re.compile("Prepare the reports"))
            prepare.scroll_into_view_if_needed()
            prepare.click()
            button = page.get_by_role("button", name=re.compile("JSON"))
            expect(button).to_be_visible(timeout=120_000)
            _settled(page)
            with page.expect_download(timeout=60_000) as info:
                button.click()
            report = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
            page.mouse.move(1, 1)
            page.keyboard.press("2")                                # another decision: prepared again
            expect(page.get_by_text(re.compile(r"2 of \d+ flags? decided"))).to_be_visible(timeout=60_000)
            expect(page.get_by_role("button", name=re.compile("Prepare the reports"))).to_be_visible(timeout=60_000)
        finally:
            browser.close()
    article = report["derived"][0]
    assert len(article["text"]) >= LAZY_EXPORTS
    decided = [f["decision"] for f in article["flags"] if f.get("decision")]
    assert [(d["decision"], d["editor"]) for d in decided] == [("confirmed", EDITOR)]

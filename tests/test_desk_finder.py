"""The page's "Find the source" panel, run headless with Streamlit's AppTest over a real archive (SQLite and
usearch, built with the real model): look an article up, see its sources ranked with what they share,
pick, compare."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from compare.archive import Archive
from test_app import APP, HOSTILE_WIRE, TESCO_DERIVED, TESCO_WIRE

WEATHER_WIRE = ("MUMBAI, June 9 (PTI) - Heavy rain flooded low-lying parts of Mumbai on Monday, and suburban "
                "train services were suspended on two lines. The weather office said the monsoon had arrived "
                "three days ahead of schedule.")
STORIES = [{"id": "reuters-tesco", "text": TESCO_WIRE, "headline": "Tesco profit rises 12 percent"},
           {"id": "ap-union-talks", "text": HOSTILE_WIRE},
           {"id": "pti-mumbai-rain", "text": WEATHER_WIRE}]
TWO_SOURCE = ("Tesco said on Tuesday its annual profit rose 12 percent to 2.8 billion pounds. Chief executive "
              "Ken Murphy said it would open 40 new stores next year.\n\nIn other news, heavy rain flooded parts "
              "of Mumbai on Monday and suburban trains were suspended on two lines. The weather office said the "
              "monsoon had come three days early.")


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The page over a fresh review store and an archive of the three stories above."""
    monkeypatch.setenv("COMPARE_DB", str(tmp_path / "reviews.sqlite3"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    path = tmp_path / "archive.sqlite3"
    with Archive(path) as archive:
        assert archive.add(STORIES).added == 3
    monkeypatch.setenv("COMPARE_ARCHIVE", str(path))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def find(at: AppTest, text: str) -> AppTest:
    at.text_area(key="finder_text").set_value(text)
    at.button(key="find_btn").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def picks(at: AppTest) -> list[tuple[str, bool]]:
    """The candidate stories listed, best first: (label, ticked)."""
    boxes = [c for c in at.checkbox if str(c.key).startswith("finder_pick_")]
    return [(c.label.replace("\\", ""), c.value) for c in sorted(boxes, key=lambda c: int(c.key.rsplit("_", 1)[1]))]


def test_an_article_is_found_with_what_it_shares_and_compared_against_its_source(page: AppTest) -> None:
    at = find(page, TESCO_DERIVED)
    listed = picks(at)
    assert "reuters-tesco" in listed[0][0] and "Tesco profit rises 12 percent" in listed[0][0]
    assert listed[0][1] is True                                   # the source is ticked …
    assert not any(ticked for _, ticked in listed[1:])           # … and nothing that shares no sentence
    shown = "\n".join(str(c.value) for c in at.caption).replace("\\", "")
    assert "Ken Murphy" in shown and "↔" in shown                 # the sentences it shares, side by side

    at.button(key="use_sources_btn").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_area(key="wire_text").value == TESCO_WIRE      # the story is now the wire copy …
    assert at.text_input(key="wire_name").value == "reuters-tesco"
    assert at.text_area(key="d1_text").value == TESCO_DERIVED     # … and the article the derived one
    assert len(at.tabs) == 1
    assert re.search(r"· [1-9]\d* flags?$", at.tabs[0].label)    # its changes are flagged against that story


def test_an_article_drawn_from_two_stories_is_compared_against_both(page: AppTest) -> None:
    at = find(page, TWO_SOURCE)
    ticked = [label for label, on in picks(at) if on]
    assert len(ticked) == 2
    assert {"reuters-tesco", "pti-mumbai-rain"} == {i for i in ("reuters-tesco", "pti-mumbai-rain", "ap-union-talks")
                                                   if any(i in label for label in ticked)}
    at.button(key="use_sources_btn").click().run()
    name = at.text_input(key="wire_name").value
    assert set(name.split(" + ")) == {"reuters-tesco", "pti-mumbai-rain"}
    wire = at.text_area(key="wire_text").value
    assert TESCO_WIRE in wire and WEATHER_WIRE in wire


def test_nothing_ticked_is_one_message_and_the_boxes_stay(page: AppTest) -> None:
    at = find(page, TESCO_DERIVED)
    before = at.text_area(key="wire_text").value
    for i, _ in enumerate(picks(at)):
        at.checkbox(key=f"finder_pick_{i}").uncheck()
    at.button(key="use_sources_btn").click().run()
    assert any("Pick at least one wire story" in str(e.value) for e in at.error)
    assert at.text_area(key="wire_text").value == before


def test_an_article_the_archive_does_not_hold_says_so(page: AppTest) -> None:
    at = find(page, "The city council voted on Wednesday to build a new public library near the harbour. "
                    "Construction is to begin in the spring and cost about 14 million euros.")
    assert not picks(at)
    assert any("its source is not in the archive" in str(i.value) for i in at.info)


def test_without_an_archive_the_panel_says_how_to_build_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPARE_DB", str(tmp_path / "reviews.sqlite3"))
    monkeypatch.setenv("COMPARE_ARCHIVE", str(tmp_path / "none.sqlite3"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("compare archive add" in str(i.value) for i in at.info)
    assert len(at.tabs) == 1                                      # the desk itself works as before
    assert not (tmp_path / "none.sqlite3").exists()               # and nothing was created

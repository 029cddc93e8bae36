"""Segmentation: exact offsets, sentence boundaries around abbreviations, and sections on real articles."""
from __future__ import annotations

from pathlib import Path

import pytest

from compare.text.segment import clause_bounds, segment, split_sentences, strip_label

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO = ROOT / "corpus" / "demo"
WIRE_SEED = DEMO / "wire_dawn_reuters_2023-12-27.txt"
DERIVED_SEED = DEMO / "derived_rewrite_2023-12-28.txt"


def read(path: Path) -> str:
    """The file exactly as stored (CRLF kept): offsets must index what the user gave."""
    return path.read_bytes().decode("utf-8")


def sentences_of(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def assert_offsets(doc) -> None:
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text, s
        assert s.text == s.text.strip(), f"untrimmed sentence {s.text!r}"
        assert "\n" not in s.text and "\r" not in s.text, f"sentence runs over a line break: {s.text!r}"
    starts = [s.start for s in doc.sentences]
    assert starts == sorted(starts), "sentences out of order"
    for a, b in zip(doc.sentences, doc.sentences[1:]):
        assert a.end <= b.start, f"overlapping sentences {a.id} and {b.id}"
    assert len({s.id for s in doc.sentences}) == len(doc.sentences)


# -- sentence boundaries -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, first", [
    ("Foreign Minister S. Jaishankar met his Russian counterpart in Moscow. They spoke for two hours.",
     "Foreign Minister S. Jaishankar met his Russian counterpart in Moscow."),
    ("The U.S. Treasury said on Monday it would act. Markets rose in Asia.",
     "The U.S. Treasury said on Monday it would act."),
    ("Mr. Lavrov spoke first at the news conference. Then Mr. Jaishankar replied.",
     "Mr. Lavrov spoke first at the news conference."),
    ("The talks will resume on Jan. 15 in Geneva, the ministry said. Both sides agreed.",
     "The talks will resume on Jan. 15 in Geneva, the ministry said."),
    ("Trade reached $50.5 billion last year, a record. That is double the 2019 figure.",
     "Trade reached $50.5 billion last year, a record."),
    ("The hearing starts at 10 a.m. Tuesday in the federal court. Lawyers arrived early.",
     "The hearing starts at 10 a.m. Tuesday in the federal court."),
    ("The hearing starts at 10 a.m. on Tuesday. Lawyers arrived early.",
     "The hearing starts at 10 a.m. on Tuesday."),
    ("Dr. Amina Yusuf and Gen. Mark Otieno arrived in St. Petersburg on Friday. It was cold.",
     "Dr. Amina Yusuf and Gen. Mark Otieno arrived in St. Petersburg on Friday."),
])
def test_abbreviations_do_not_end_a_sentence(text: str, first: str) -> None:
    got = sentences_of(text)
    assert len(got) == 2, got
    assert got[0] == first


def test_every_tricky_abbreviation_in_one_paragraph() -> None:
    text = ("Mr. Sergei Lavrov told S. Jaishankar that U.S. sanctions had cost Russia $50.5 billion since Jan. 15, "
            "and that talks would resume at 10 a.m. on Thursday. Neither man took questions.")
    got = sentences_of(text)
    assert len(got) == 2, got
    for piece in ("Mr. Sergei", "S. Jaishankar", "U.S. sanctions", "$50.5 billion", "Jan. 15", "10 a.m. on"):
        assert piece in got[0]


@pytest.mark.parametrize("text, expected", [
    # a dotted abbreviation at the very end of a sentence still ends it when a new sentence clearly opens
    ("Prime Minister Narendra Modi visited the U.K. It was his third trip this year.",
     ["Prime Minister Narendra Modi visited the U.K.", "It was his third trip this year."]),
    # ordinary words that double as abbreviations end sentences unless a number follows
    ("Asked whether he would resign, he said no. The party backed him.",
     ["Asked whether he would resign, he said no.", "The party backed him."]),
    ("The leaders met at No. 10 Downing Street on Monday. They ate lunch.",
     ["The leaders met at No. 10 Downing Street on Monday.", "They ate lunch."]),
    ("The committee sat. Members then voted.", ["The committee sat.", "Members then voted."]),
    ('He said: "We will win." Then he left the stage.', ['He said: "We will win."', "Then he left the stage."]),
    ("Is it over? Not yet! The count goes on.", ["Is it over?", "Not yet!", "The count goes on."]),
    ("Growth slowed to 2.5 percent. Economists expected 2.7 percent.",
     ["Growth slowed to 2.5 percent.", "Economists expected 2.7 percent."]),
])
def test_sentence_ends(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


def test_split_sentences_spans_are_exact_and_trimmed() -> None:
    text = "  First sentence here.   Second one follows.\n\nThird after a blank line.  "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["First sentence here.", "Second one follows.",
                                             "Third after a blank line."]
    assert split_sentences("   \n  ") == []


_CLAUSES = ("Intro. The founder, who was recently released on bail, has been arrested on 1,000 charges: "
            "fraud and theft. He appears in court at 10:30 on Friday (local time).")


@pytest.mark.parametrize("word, clause", [
    ("bail", "who was recently released on bail"),          # a relative clause starts at its pronoun
    ("1,000", "has been arrested on 1,000 charges"),        # a comma inside a number is no break
    ("theft", "fraud and theft"),                            # nor is "and"; the closing stop is left out
    ("founder", "The founder"),
    ("10:30", "He appears in court at 10:30 on Friday"),    # nor a colon inside a time; a bracket is
])
def test_clause_bounds_find_the_clause_around_a_span(word: str, clause: str) -> None:
    start = _CLAUSES.index(word)
    lo, hi = next((a, b) for a, b in split_sentences(_CLAUSES) if a <= start < b)
    a, b = clause_bounds(_CLAUSES, start, start + len(word), lo, hi)
    assert _CLAUSES[a:b] == clause


def test_strip_label_removes_only_the_leading_label() -> None:
    assert strip_label("Q: What happened in Moscow?") == "What happened in Moscow?"
    assert strip_label("A: Talks were held.") == "Talks were held."
    assert strip_label("Question 2: Who spoke?") == "Who spoke?"
    assert strip_label("Lavrov said A: was wrong.") == "Lavrov said A: was wrong."
    assert strip_label("Q1. What did Lavrov say?") == "What did Lavrov say?"
    assert strip_label("A - Talks were held.") == "Talks were held."
    # a sentence that opens with "A" and a figure keeps the figure
    for sentence in ["A 6.8-magnitude quake hit on Friday.", "A 10-year-old boy was hurt.", "A 3-2 win in Madrid.",
                     "A 2.5 percent rise."]:
        assert strip_label(sentence) == sentence


# -- offsets -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", [WIRE_SEED, DERIVED_SEED, *sorted(FIXTURES.glob("*.txt"))],
                         ids=lambda p: p.name)
def test_offsets_index_the_original_text(path: Path) -> None:
    text = read(path)
    doc = segment(text, path.name, "s")
    assert doc.sentences
    assert_offsets(doc)


def test_crlf_fixture_is_really_crlf_and_offsets_survive() -> None:
    text = read(FIXTURES / "storm_derived_crlf.txt")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "fixture lost its CRLF line endings"
    doc = segment(text, "crlf", "d")
    assert_offsets(doc)
    emoji = [s for s in doc.sentences if "🌊" in s.text or "💸" in s.text or "𝐒𝐭𝐨𝐫𝐦𝐖𝐚𝐭𝐜𝐡" in s.text]
    assert len(emoji) == 3
    assert doc.sentences[0].text == "Gulf storm closes ports 🌊" and doc.sentences[0].section == "heading"
    quote = next(s for s in doc.sentences if s.text.startswith("“We are asking"))
    assert quote.text.endswith("said in Austin.")
    credit = doc.sentences[-1]
    assert credit.text == "Flooded streets in Galveston, Texas, on Monday. — Reuters"
    assert credit.section == "caption"


def test_offsets_with_non_bmp_characters_everywhere() -> None:
    text = ("😀 Markets 📉 fell on Monday after the U.S. Federal Reserve spoke.\r\n\r\n"
            "“Rates stay high,” Mr. Powell said 🏦. Investors sold shares 𝕏 worth $50.5 billion.\r\n"
            "Shares rallied at 10 a.m. on Tuesday 👍\u2028Bond yields eased.\r\n")
    doc = segment(text, "emoji", "d")
    assert_offsets(doc)
    got = [s.text for s in doc.sentences]
    assert "“Rates stay high,” Mr. Powell said 🏦." in got
    assert "Investors sold shares 𝕏 worth $50.5 billion." in got


def test_same_text_with_lf_and_crlf_gives_the_same_sentences() -> None:
    lf = read(FIXTURES / "storm_derived_crlf.txt").replace("\r\n", "\n")
    crlf = lf.replace("\n", "\r\n")
    a, b = segment(lf), segment(crlf)
    assert [(s.text, s.section) for s in a.sentences] == [(s.text, s.section) for s in b.sentences]


# -- sections on the seed pair ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wire_doc():
    return segment(read(WIRE_SEED), "wire", "w")


@pytest.fixture(scope="module")
def derived_doc():
    return segment(read(DERIVED_SEED), "derived", "d")


def by_text(doc, prefix: str):
    return [s for s in doc.sentences if s.text.startswith(prefix)]


def test_wire_dateline_and_site_furniture_are_boilerplate(wire_doc) -> None:
    first, second = wire_doc.sentences[:2]
    assert (first.text, first.section) == ("date 2023-12-27", "boilerplate")
    assert (second.text, second.section) == ("DAWN.COM Logo", "boilerplate")
    (stamp,) = by_text(wire_doc, "Reuters Published December 27, 2023")
    assert stamp.section == "boilerplate"


def test_derived_dateline_is_boilerplate_and_the_rest_of_its_line_is_body(derived_doc) -> None:
    first, second = derived_doc.sentences[:2]
    assert (first.text, first.section) == ("date 2023-12-28", "boilerplate")
    assert second.text.startswith("In a significant development") and second.section == "body"


def test_wire_headline_is_heading(wire_doc) -> None:
    (headline,) = by_text(wire_doc, "Russia, India closer to joint military equipment production")
    assert headline.section == "heading"
    assert headline.text.endswith("Russian FM")


def test_repeated_photo_caption_is_caption_in_both_copies(wire_doc) -> None:
    captions = [s for s in wire_doc.sentences if s.section == "caption"]
    assert len(captions) == 2
    curly, straight = captions
    assert "Russia’s Foreign Minister" in curly.text and "India’s" in curly.text
    assert "Russia's Foreign Minister" in straight.text and "India's" in straight.text
    assert curly.text.replace("’", "'") == straight.text
    assert all(s.text.endswith("— Reuters") for s in captions)


def test_wire_body_is_body(wire_doc) -> None:
    body = [s for s in wire_doc.sentences if s.section == "body"]
    assert len(body) == 10
    assert body[0].text.startswith("Russia and India have made tangible progress")
    assert body[-1].text.startswith("He said New Delhi was keen")
    assert not any(s.section.startswith("faq") for s in wire_doc.sentences)


def test_faq_block(derived_doc) -> None:
    (heading,) = by_text(derived_doc, "FAQ:")
    assert heading.text == "FAQ:" and heading.section == "heading"
    after = derived_doc.sentences[derived_doc.sentences.index(heading) + 1:]
    questions = [s for s in after if s.text.startswith("Q:")]
    answers = [s for s in after if s.text.startswith("A:")]
    assert len(questions) == 5 and len(answers) == 5
    assert all(s.section == "faq_question" for s in questions)
    assert all(s.section == "faq_answer" for s in answers)
    assert questions[-1].text == "Q: Will this collaboration reduce India’s dependence on Russian weapons imports?"
    before = derived_doc.sentences[:derived_doc.sentences.index(heading)]
    assert not any(s.section.startswith("faq") for s in before)
    assert [s.section for s in before[1:]] == ["body"] * (len(before) - 1)


def test_faq_answers_spanning_several_sentences_stay_answers() -> None:
    text = ("Officials met in Geneva on Monday to discuss the ceasefire.\n\n"
            "FAQ\n\n"
            "Q: Who attended?\n"
            "A: Envoys from both sides attended. A UN mediator chaired the talks.\n"
            "Q: What happens next?\n"
            "A: A second round is due in March.\n")
    doc = segment(text)
    assert_offsets(doc)
    sections = [(s.text, s.section) for s in doc.sentences]
    assert sections == [
        ("Officials met in Geneva on Monday to discuss the ceasefire.", "body"),
        ("FAQ", "heading"),
        ("Q: Who attended?", "faq_question"),
        ("A: Envoys from both sides attended.", "faq_answer"),
        ("A UN mediator chaired the talks.", "faq_answer"),
        ("Q: What happens next?", "faq_question"),
        ("A: A second round is due in March.", "faq_answer"),
    ]


def test_faq_block_ends_at_a_heading_and_the_body_after_it_is_body() -> None:
    text = ("Officials met in Geneva on Monday to discuss the ceasefire.\n\n"
            "FAQ\n\n"
            "Q: Who attended?\n\n"
            "A: Envoys from both sides attended.\n\n"
            "What happens next?\n\n"
            "A second round is due in March.\n\n"
            "Markets rally on rate hopes\n\n"
            "Stocks rose on Tuesday. Bond yields fell to a three-month low.\n\n"
            "Traders said the central bank was likely to cut rates in June.\n")
    doc = segment(text)
    assert_offsets(doc)
    assert [(s.text, s.section) for s in doc.sentences] == [
        ("Officials met in Geneva on Monday to discuss the ceasefire.", "body"),
        ("FAQ", "heading"),
        ("Q: Who attended?", "faq_question"),
        ("A: Envoys from both sides attended.", "faq_answer"),
        ("What happens next?", "faq_question"),
        ("A second round is due in March.", "faq_answer"),
        ("Markets rally on rate hopes", "heading"),
        ("Stocks rose on Tuesday.", "body"),
        ("Bond yields fell to a three-month low.", "body"),
        ("Traders said the central bank was likely to cut rates in June.", "body"),
    ]


@pytest.mark.parametrize("sep", ["\n\n", "\n", "\r\n"])
def test_plain_paragraphs_straight_after_an_faq_answer_are_body(sep: str) -> None:
    text = sep.join([
        "FAQ:",
        "Q: Who attended?",
        "A: Envoys from both sides attended.",
        "A 6.8-magnitude quake struck off the coast on Tuesday, officials said.",
        "Rescue teams reached the area by nightfall. No casualties were reported.",
    ]) + sep
    doc = segment(text)
    assert_offsets(doc)
    assert [(s.text, s.section) for s in doc.sentences] == [
        ("FAQ:", "heading"),
        ("Q: Who attended?", "faq_question"),
        ("A: Envoys from both sides attended.", "faq_answer"),
        ("A 6.8-magnitude quake struck off the coast on Tuesday, officials said.", "body"),
        ("Rescue teams reached the area by nightfall.", "body"),
        ("No casualties were reported.", "body"),
    ]


def test_an_faq_answer_wrapped_over_lines_stays_an_answer() -> None:
    text = ("FAQ\n\n"
            "Q: Who attended?\n"
            "A: Envoys from both sides and a UN mediator\n"
            "who chaired the talks attended.\n\n"
            "The talks ended without a deal.\n")
    got = [(s.text, s.section) for s in segment(text).sentences]
    assert got == [
        ("FAQ", "heading"),
        ("Q: Who attended?", "faq_question"),
        ("A: Envoys from both sides and a UN mediator", "faq_answer"),
        ("who chaired the talks attended.", "faq_answer"),
        ("The talks ended without a deal.", "body"),
    ]


def test_site_furniture_lines_are_boilerplate() -> None:
    text = ("Storm shuts Gulf ports\n"
            "Story continues below advertisement\n"
            "A powerful storm shut three ports on Monday, the Coast Guard said.\n"
            "Share this article\n"
            "Copyright 2024 Example News. All rights reserved.\n")
    doc = segment(text)
    got = {s.text: s.section for s in doc.sentences}
    assert got["Storm shuts Gulf ports"] == "heading"
    assert got["Story continues below advertisement"] == "boilerplate"
    assert got["Share this article"] == "boilerplate"
    assert got["A powerful storm shut three ports on Monday, the Coast Guard said."] == "body"
    assert got["Copyright 2024 Example News. All rights reserved."] == "boilerplate"


def test_an_embedded_post_flattened_into_a_paragraph_takes_only_its_own_sentences() -> None:
    """A web page's embedded post pasted as text: its words and link end the article's paragraph, and its
    author line follows. The article's sentences in that paragraph stay body copy (they are what a
    derived article draws on); the post and its author line are boilerplate."""
    text = ("A former general has been found dead at his home. His body was found on Wednesday, a source "
            "told RIA Novosti. Eks-komanduiushchii naiden v svoiom dome. kazansky2017 pic.twitter.com/rNV54KU5Jn\n"
            "— Elis zlaia (@Pani_belaruska) November 16, 2023\n"
            "In 2007, he complained that pilots were receiving inadequate training.\n"
            "pic.twitter.com/AbC123\n")
    got = [(s.text, s.section) for s in segment(text).sentences]
    assert got == [
        ("A former general has been found dead at his home.", "body"),
        ("His body was found on Wednesday, a source told RIA Novosti.", "body"),
        ("Eks-komanduiushchii naiden v svoiom dome. kazansky2017 pic.twitter.com/rNV54KU5Jn", "boilerplate"),
        ("— Elis zlaia (@Pani_belaruska) November 16, 2023", "boilerplate"),
        ("In 2007, he complained that pilots were receiving inadequate training.", "body"),
        ("pic.twitter.com/AbC123", "boilerplate"),
    ]


def test_a_writing_tool_s_note_on_its_own_summary_is_boilerplate() -> None:
    text = ("A powerful storm shut three ports on Monday, the Coast Guard said.\n\n"
            "Note: The summary leaves out the storm's earlier track, which is not directly related to the passage.\n"
            "Note: Port officials said the ports would reopen on Friday.\n")
    got = {s.text: s.section for s in segment(text).sentences}
    assert got["Note: The summary leaves out the storm's earlier track, which is not directly related to the "
               "passage."] == "boilerplate"
    # a note that reports something is copy to check
    assert got["Note: Port officials said the ports would reopen on Friday."] == "body"
    assert got["A powerful storm shut three ports on Monday, the Coast Guard said."] == "body"


def test_empty_and_blank_text_has_no_sentences() -> None:
    assert segment("").sentences == ()
    assert segment(" \r\n\t\n").sentences == ()

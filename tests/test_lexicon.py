"""Tests for compare.text.lexicon against the real, committed WordNet-derived table.

Every pair asserted here was checked against the WordNet 3.0 database itself:
e.g. "demonstrator" and "protester" are one synset, the verb sense of "spill"
("spill blood", "shed tears") has "pour" ("cause to run") as its direct
hypernym, and "invade" has "attack, assail" as its direct hypernym.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading

import pytest

from compare.text import lexicon

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILDER = os.path.join(REPO, "tools", "build_lexicon.py")
WORDNET_DIR = "/usr/share/wordnet"


# --- the data file -----------------------------------------------------------


def test_data_file_is_small_and_committed_alongside_licence():
    assert os.path.getsize(lexicon.DATA_PATH) < 5 * 1024 * 1024
    licence = os.path.join(os.path.dirname(lexicon.DATA_PATH), "LICENSE.wordnet.txt")
    with open(licence, encoding="utf-8") as fh:
        assert "WordNet 3.0 Copyright 2006 by Princeton University" in fh.read()


def test_data_file_records_source_and_has_no_timestamp():
    with open(lexicon.DATA_PATH, "rb") as fh:
        raw = fh.read()
    assert raw[4:8] == b"\x00\x00\x00\x00"  # gzip MTIME field
    table = json.loads(gzip.decompress(raw))
    assert table["source"] == "WordNet 3.0, Princeton University"
    assert "LICENSE.wordnet.txt" in table["license"]


@pytest.mark.skipif(not os.path.isdir(WORDNET_DIR), reason="WordNet 3.0 (wordnet-base) not installed")
def test_rebuild_is_byte_identical(tmp_path):
    if not os.path.isfile(os.path.join(WORDNET_DIR, "data.noun")):
        pytest.skip(f"no WordNet data files in {WORDNET_DIR}")
    out = tmp_path / "lexicon.json.gz"
    subprocess.run([sys.executable, BUILDER, WORDNET_DIR, "-o", str(out)], check=True, capture_output=True)
    with open(lexicon.DATA_PATH, "rb") as fh:
        assert out.read_bytes() == fh.read()


def test_module_uses_only_the_standard_library():
    code = (
        "import sys; before = set(sys.modules); "
        "import compare.text.lexicon as m; m.are_synonyms('a', 'b'); "
        "roots = {n.split('.')[0] for n in set(sys.modules) - before}; "
        "print(sorted(r for r in roots if r not in sys.stdlib_module_names and r != 'compare'))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


# --- lemmatizer ----------------------------------------------------------------


@pytest.mark.parametrize(
    "word, lemma",
    [
        ("went", "go"),
        ("countries", "country"),
        ("geese", "goose"),
        ("poured", "pour"),
        ("spilled", "spill"),
        ("protesters", "protester"),
        ("Demonstrators", "demonstrator"),
        ("won", "win"),
        ("saw", "see"),
        ("attorneys general", "attorney general"),
        ("took off", "take off"),
    ],
)
def test_base_forms(word, lemma):
    assert lemma in lexicon.base_forms(word)


def test_base_forms_keeps_ambiguity_and_rejects_unknown_words():
    assert {"saw", "see"} <= lexicon.base_forms("saw")
    assert {"leaf", "leave"} <= lexicon.base_forms("leaves")
    assert lexicon.base_forms("xqzzyv") == set()
    assert lexicon.base_forms("   ") == set()


def test_known():
    assert lexicon.known("countries")
    assert lexicon.known("London")
    assert lexicon.known("human_rights")
    assert not lexicon.known("xqzzyv")


# --- paraphrase vs change of meaning -------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("protesters", "demonstrators"),
        ("protester", "demonstrator"),
        ("said", "told"),
        ("took off", "take off"),
    ],
)
def test_synonyms(a, b):
    assert lexicon.are_synonyms(a, b)
    assert lexicon.are_synonyms(b, a)
    assert lexicon.are_related(a, b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("poured", "spilled"),  # spill (shed, "spill blood") -> hypernym pour
        ("invaded", "attacked"),  # invade -> hypernym attack
        ("killed", "murdered"),  # murder -> hypernym kill
    ],
)
def test_related_through_direct_hypernym(a, b):
    assert not lexicon.are_synonyms(a, b)
    assert lexicon.are_related(a, b)
    assert lexicon.are_related(b, a)
    assert lexicon.are_related(a, b, siblings=False)


def test_co_hyponyms_are_related_only_with_siblings():
    # Both chromatic colours / both weekdays: a shared direct hypernym.
    for a, b in [("yellow", "blue"), ("Monday", "Tuesday")]:
        assert not lexicon.are_synonyms(a, b)
        assert lexicon.are_related(a, b)
        assert not lexicon.are_related(a, b, siblings=False)


@pytest.mark.parametrize(
    "a, b",
    [
        ("yellow", "blue"),
        ("London", "Moscow"),
        ("increase", "decrease"),
        ("win", "lose"),
        ("guilty", "innocent"),
    ],
)
def test_not_synonyms(a, b):
    assert not lexicon.are_synonyms(a, b)


def test_relatedness_can_keep_to_the_parts_of_speech_used():
    # "founder" is a synonym of "sink" as a verb (a ship founders), never as the noun for who founded a firm
    assert lexicon.are_related("sink", "founder", siblings=False)
    assert lexicon.are_related("sink", "founder", siblings=False, pos_a="v", pos_b="v")
    assert not lexicon.are_related("sink", "founder", siblings=False, pos_a="v", pos_b="n")
    assert lexicon.are_related("drop", "fall", siblings=False, pos_a="va", pos_b="va")


@pytest.mark.parametrize("a, b", [
    ("firm", "company"), ("troops", "forces"), ("officials", "authorities"), ("aircraft", "plane"),
    ("poll", "election"), ("pact", "agreement"), ("residents", "people"), ("topped", "beat"), ("GDP", "economy")])
def test_words_news_uses_for_one_another_are_related(a, b):
    assert lexicon.are_related(a, b, siblings=False) and lexicon.are_related(b, a, siblings=False)
    # … as words said in other words only: they are neither synonyms nor opposites nor contrasting
    assert not lexicon.are_contrasting(a, b) and not lexicon.are_antonyms(a, b)


def test_news_equivalents_join_only_their_own_group():
    assert not lexicon.are_related("firm", "troops", siblings=False)
    assert not lexicon.are_related("plane", "helicopter", siblings=False)
    assert not lexicon.are_related("company", "bank", siblings=False)


@pytest.mark.parametrize("word, disease", [
    ("tuberculosis", True), ("measles", True), ("malaria", True), ("asthma", True), ("flu", True),
    ("cancer", False), ("virus", False), ("disease", False), ("vaccine", False), ("stroke", False)])
def test_a_disease_is_a_word_with_one_sense_under_a_class_of_illness(word, disease):
    assert lexicon.is_disease(word) is disease


def test_instances_of_the_same_kind_are_not_related():
    # London and Moscow are instances of "national capital", not hyponyms.
    assert not lexicon.are_related("London", "Moscow")


@pytest.mark.parametrize(
    "a, b",
    [
        ("increase", "decrease"),
        ("increased", "decreased"),
        ("win", "lose"),
        ("won", "lost"),
        ("rose", "fell"),
        ("guilty", "innocent"),
        ("accept", "reject"),
        ("dead", "alive"),
    ],
)
def test_antonyms(a, b):
    assert lexicon.are_antonyms(a, b)
    assert lexicon.are_antonyms(b, a)
    assert lexicon.are_antonyms(a, b, indirect=False)
    # An antonym swap is a change of meaning, never "close in meaning".
    assert not lexicon.are_related(a, b)


def test_indirect_adjective_antonyms():
    # "soggy" is a satellite of "wet", whose direct antonym is "dry".
    assert lexicon.are_antonyms("soggy", "dry")
    assert not lexicon.are_antonyms("soggy", "dry", indirect=False)


@pytest.mark.parametrize(
    "a, b",
    [
        ("protesters", "demonstrators"),
        ("yellow", "blue"),
        ("London", "Moscow"),
        ("poured", "spilled"),
    ],
)
def test_not_antonyms(a, b):
    assert not lexicon.are_antonyms(a, b)


def test_unknown_words_match_nothing():
    assert not lexicon.are_synonyms("xqzzyv", "xqzzyv")
    assert not lexicon.are_related("xqzzyv", "protesters")
    assert not lexicon.are_antonyms("xqzzyv", "win")


def test_concurrent_first_use_gives_consistent_answers():
    results = []

    def worker():
        results.append(
            (
                lexicon.are_synonyms("protesters", "demonstrators"),
                lexicon.are_antonyms("win", "lose"),
                lexicon.are_related("London", "Moscow"),
            )
        )

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [(True, True, False)] * 8


@pytest.mark.parametrize(
    "a, b",
    [
        ("yellow", "green"),        # chromatic colours
        ("white", "blue"),          # an achromatic and a chromatic colour: one group
        ("murder", "manslaughter"),
        ("summer", "winter"),
        ("husband", "wife"),
        ("football", "tennis"),     # a field game and a court game: one group
        ("miles", "kilometres"),
        ("army", "navy"),
        ("CEO", "founder"),         # offices of a company
        ("chairman", "cfo"),
    ],
)
def test_members_of_a_closed_class_contrast(a, b):
    assert lexicon.are_contrasting(a, b)
    assert lexicon.are_contrasting(b, a)
    # WordNet's "related" (without siblings) does not hide the change
    assert not lexicon.are_related(a, b, siblings=False)


@pytest.mark.parametrize(
    "a, b",
    [
        ("car", "automobile"),      # synonyms in the class
        ("yellow", "yellow"),
        ("match", "game"),          # siblings in WordNet, but no closed class: a paraphrase in news
        ("win", "collect"),
        ("protesters", "demonstrators"),
        ("London", "Moscow"),       # instances are read by the entity checks
        ("xqzzyv", "yellow"),
        ("kg", "g"),                # abbreviations are read by the unit checks
        ("chairman", "chairwoman"), # one office
        ("chairman", "president"),  # WordNet's presiding officer: a sense they share
        ("founder", "pioneer"),     # not an office
    ],
)
def test_paraphrases_and_other_pairs_do_not_contrast(a, b):
    assert not lexicon.are_contrasting(a, b)


def test_every_contrast_class_resolves_to_a_wordnet_sense():
    # a class whose name or pinning member is misspelt would silently never fire
    assert len(lexicon._contrast_groups()) == len(lexicon.CONTRAST_CLASSES)


def test_every_disease_class_resolves_to_a_wordnet_sense():
    for name, member in lexicon.DISEASE_CLASSES:
        assert lexicon._class_ids(name, member, "n"), (name, member)


@pytest.mark.parametrize(
    "word, form",
    [
        ("decision", "decide"),
        ("decisions", "decide"),    # inflected forms are reduced first
        ("hunger", "hungry"),
        ("leadership", "leader"),
        ("explosion", "explode"),
    ],
)
def test_derivationally_related_forms(word, form):
    assert form in lexicon.derivations(word)
    assert lexicon.base_forms(word) & lexicon.derivations(form)


def test_derivations_of_unknown_or_unrelated_words_are_empty():
    assert lexicon.derivations("xqzzyv") == frozenset()
    assert "decide" not in lexicon.derivations("explosion")


@pytest.mark.parametrize("word, way", [("increase", 1), ("Surge", 1), ("decline", -1), ("plunge", -1),
                                       ("contract", 0), ("cut", 0), ("paint", 0)])
def test_direction_of_a_change_of_amount(word, way):
    assert lexicon.direction(word) == way


@pytest.mark.parametrize("word, family", [("arrest", ("legal", 1)), ("Acquit", ("legal", 4)),
                                          ("charge", ("legal", 2)), ("indict", ("legal", 2)),
                                          ("revenue", ("measure", 1)), ("sales", ("measure", 1)),
                                          ("earnings", ("measure", 2)), ("profit", ("measure", 2)),
                                          ("kill", ("harm", 1)), ("dead", ("harm", 1)), ("injure", ("harm", 2)),
                                          ("resign", ("exit", 1)), ("sack", ("exit", 3)),
                                          ("clear", None), ("loss", None), ("margin", None), ("fire", None)])
def test_fact_families(word, family):
    # words for the same fact share a member number; words with common senses outside the family are out
    assert lexicon.fact_family(word) == family
    if family:
        assert set(lexicon.FAMILY_POS[family[0]]) <= {"VERB", "NOUN", "ADJ"}


def test_opposed_pairs_are_symmetric_and_leave_synonyms_alone():
    assert lexicon.are_opposed("confirm", "deny") and lexicon.are_opposed("Deny", "confirm")
    assert lexicon.are_opposed("with", "without")
    assert not lexicon.are_opposed("deny", "reject")
    assert not lexicon.are_opposed("confirm", "confirm")

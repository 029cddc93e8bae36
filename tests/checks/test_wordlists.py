"""The checks' word lists (compare/data/wordlists/*.toml): each says what it is for, where it comes from
and what it leaves out; no list is defined twice; the checks read them from there."""
from __future__ import annotations

import tomllib

import pytest

from compare.checks import hedging, polarity, relations
from compare.text.wordlists import WORDLISTS, entry, ordered, table, words
from compare.errors import ModelError
from compare.text.names import TITLES, same_nation

FILES = sorted(WORDLISTS.glob("*.toml"))


def _lists():
    for path in FILES:
        for name, body in tomllib.loads(path.read_text(encoding="utf-8")).items():
            yield f"{path.stem}.{name}", body


def test_every_list_says_what_it_is_for_its_source_and_what_it_leaves_out() -> None:
    found = list(_lists())
    assert len(FILES) >= 6 and len(found) >= 50
    for ref, body in found:
        assert set(body) == {"about", "source", "leaves_out", "words"}, ref
        assert all(isinstance(body[k], str) and len(body[k]) > 10 for k in ("about", "source", "leaves_out")), ref
        assert body["words"], ref


def test_no_list_is_defined_twice() -> None:
    seen = {}
    for ref, body in _lists():
        w = body["words"]
        key = tuple(sorted(map(str, w.items() if isinstance(w, dict) else w)))
        assert key not in seen, f"{ref} repeats {seen.get(key)}"
        seen[key] = ref


def test_the_checks_read_their_words_from_the_lists() -> None:
    assert polarity.NEGATIONS == words("negation.negations") and "never" in polarity.NEGATIONS
    assert hedging.HEDGES == words("hedging.hedges") and "reportedly" in hedging.HEDGES
    # a list that extends another is the other plus its own words, not a second copy of them
    assert hedging._ATTRIBUTIONS == hedging.HEDGES | hedging._EVIDENTIALS | words("hedging.attributions")
    assert relations._TITLES > TITLES and "coach" in relations._TITLES
    assert TITLES == words("names.titles") and same_nation("Dutch", "Holland")    # the names' lists too
    assert table("scales.quantities")["all"] > table("scales.quantities")["some"]
    assert ordered("figures.above")[0] == "more than" and table("hedging.frames")["accuse"] == "of"


def test_an_unknown_list_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="no word list 'negation.nope'"):
        entry("negation.nope")

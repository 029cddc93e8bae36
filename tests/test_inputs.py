"""Text the engine cannot hash, store or write (lone surrogates) is an input error naming where it is."""
from __future__ import annotations

import pytest

from compare.errors import EncodingError, InputError, UnencodableTextError
from compare.text.inputs import check_encodable, validate_text

ENGLISH = ("The city harbour reopened on Tuesday after a storm forced the port authority to close it for three "
           "days, officials said. Fishing boats returned to the water in the morning.")


def test_a_lone_surrogate_is_an_input_error_naming_its_place() -> None:
    text = "x" * 1233 + "\ud800" + " " + ENGLISH
    with pytest.raises(UnencodableTextError) as info:
        validate_text(text, "wire text")
    assert isinstance(info.value, EncodingError) and isinstance(info.value, InputError)
    msg = str(info.value)
    assert msg == ("wire text: character 1,234 is an unpaired surrogate (U+D800), which no text encoding can "
                   "hold; remove it")
    assert "\n" not in msg


def test_a_low_surrogate_and_a_count_of_the_others() -> None:
    with pytest.raises(UnencodableTextError, match=r"^derived: character 5 is an unpaired surrogate \(U\+DC00\).*"
                                                   r"holds 2 such code points"):
        validate_text("The \udc00 council \udfff " + ENGLISH, "derived")


def test_a_surrogate_pair_left_in_two_halves_says_what_it_stands_for() -> None:
    with pytest.raises(UnencodableTextError) as info:
        validate_text(ENGLISH + " \ud83d\ude00", "derived")
    msg = str(info.value)
    n = len(ENGLISH) + 2
    assert f"characters {n}-{n + 1} are the two halves of a UTF-16 surrogate pair (U+D83D U+DE00)" in msg
    assert "U+1F600" in msg


def test_encodable_text_passes_unchanged() -> None:
    text = ENGLISH + " Café, naïve — “quoted” 😀 \U0001F600."
    assert validate_text(text, "wire") is text
    assert check_encodable(text) is text


def test_the_python_api_raises_the_input_error(engine) -> None:
    """``compare()`` refuses the text as it refuses any other bad input, instead of a UnicodeEncodeError."""
    from compare import compare
    with pytest.raises(InputError, match=r"unpaired surrogate \(U\+D800\)"):
        compare(ENGLISH + "\ud800", ENGLISH)
    with pytest.raises(InputError, match=r"unpaired surrogate \(U\+D800\)"):
        compare(ENGLISH, ENGLISH + "\ud800")

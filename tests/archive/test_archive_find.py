"""Archive.find and Archive.check on a real archive (real model, SQLite, usearch)."""
import pytest

from compare.archive import Archive, ArchiveError
from compare.archive.store import Store

INVENTED = "The minister also announced that every river port in the country would be sold to private firms by June."


@pytest.mark.parametrize("kind", ["wire", "faithful", "drifted"])
def test_find_ranks_the_true_source_first(archive, newsroom, kind):
    misses = []
    for story_id, texts in newsroom.items():
        found = archive.find(texts[kind], k=5)
        if not found or found[0].id != story_id:
            misses.append((story_id, [s.id for s in found]))
    assert not misses
    top = archive.find(newsroom["tune-03-asia-stocks"][kind])[0]
    assert 0.6 < top.score <= 1.0
    if kind == "wire":
        assert top.score == pytest.approx(1.0, abs=1e-3)
        assert all(s.derived == s.wire for s in top.shared)


def test_shared_sentences_point_into_both_texts(archive, newsroom):
    text = newsroom["tune-07-whooping-cough"]["faithful"]
    src = archive.find(text, k=1)[0]
    story = archive.story(src.id)
    assert src.headline and src.source == "PTI" and src.time == "2025-03-04"
    assert len(src.shared) >= 4
    for s in src.shared:
        assert text[s.derived_start:s.derived_end] == s.derived
        assert story.text[s.wire_start:s.wire_end] == s.wire
        assert 0.6 <= s.similarity <= 1.0


def test_article_from_two_stories_finds_both_and_check_compares_against_both(archive, newsroom):
    a, b = "tune-01-waterways-bill", "tune-16-cbse-results"
    article = newsroom[a]["faithful"].strip() + "\n\n" + INVENTED + "\n\n" + newsroom[b]["faithful"].strip()
    found = archive.find(article, k=5)
    assert {s.id for s in found[:2]} == {a, b}
    result = archive.check(article, name="two-source")
    assert {s.id for s in result.used} == {a, b}
    assert a in result.comparison.wire.name and b in result.comparison.wire.name
    flagged = [f for f in result.comparison.flags if "river port" in f.text or "private firms" in f.text]
    assert flagged, [f.text for f in result.comparison.flags]
    # a sentence from each source is supported, not flagged
    labels = {v.sentence_id: v.label for v in result.comparison.verdicts}
    first_b = next(s for s in result.comparison.derived.sentences if "CBSE" in s.text)
    assert labels[first_b.id] in ("copied", "paraphrased")


def test_check_against_one_source_for_a_single_story_rewrite(archive, newsroom):
    result = archive.check(newsroom["tune-09-assam-floods"]["faithful"])
    assert [s.id for s in result.used] == ["tune-09-assam-floods"]
    assert result.comparison.wire.name == "tune-09-assam-floods"


def test_nothing_found_is_a_clear_error(archive):
    text = ("The recipe calls for two cups of flour, a spoon of sugar and butter softened at room temperature. "
            "Knead the dough for ten minutes and let it rest in a warm kitchen before baking it.")
    with pytest.raises(ArchiveError, match="no source found"):
        archive.check(text)


def test_stored_sentences_have_exact_offsets(archive_path, newsroom):
    store = Store(archive_path, 384, create=False)
    try:
        for n, row in store.stories(list(range(1, 21))).items():
            spans = store.sentence_spans(n)
            assert len(spans) >= 5
            from compare.text.segment import segment
            doc = segment(row["text"])
            assert [(s.start, s.end, s.section) for s in doc.sentences] == [(a, b, sec) for _, a, b, sec in spans]
    finally:
        store.close()


def test_index_rebuilt_when_its_file_is_deleted(tmp_path, archive_path, newsroom):
    import shutil
    path = tmp_path / "copy.sqlite3"
    shutil.copy(archive_path, path)              # the index files are not copied: built from the SQLite file
    index = tmp_path / "copy.sqlite3.usearch"
    with Archive(path) as a:
        assert a.find(newsroom["tune-12-dental-data-breach"]["faithful"])[0].id == "tune-12-dental-data-breach"
    assert index.is_file()
    index.unlink()
    with Archive(path) as a:
        assert a.find(newsroom["tune-18-copper-prices"]["drifted"])[0].id == "tune-18-copper-prices"
    assert index.is_file() and (tmp_path / "copy.sqlite3.usearch.json").is_file()


def test_find_and_check_refuse_a_missing_archive(tmp_path):
    with pytest.raises(ArchiveError, match="archive add"):
        Archive(tmp_path / "nothing.sqlite3", create=False)


def test_word_counts_follow_the_stories_and_an_older_archive_gets_them_on_open(tmp_path, archive_path, newsroom):
    """``find`` picks an article's rarest words by ``term_docs``: it counts each word once per story as
    stories are added, and an archive made before it existed is counted when it is next opened."""
    import re
    import shutil
    import sqlite3
    want: dict[str, int] = {}
    for v in newsroom.values():
        for w in set(re.findall(r"[a-z0-9]+", v["wire"].lower())):
            want[w] = want.get(w, 0) + 1
    with Archive(archive_path, create=False) as a:
        assert a.store.term_counts(sorted(want)) == want
    old = tmp_path / "old.sqlite3"
    shutil.copy(archive_path, old)
    db = sqlite3.connect(old)
    db.execute("DELETE FROM term_docs")
    db.execute("DELETE FROM meta WHERE key = 'term_docs'")
    db.commit()
    db.close()
    with Archive(old, create=False) as a:
        assert a.store.term_counts(sorted(want)) == want
        story = next(iter(newsroom))
        found = a.find(newsroom[story]["faithful"], k=1)
        assert found[0].id == story


def test_copies_of_one_story_do_not_push_another_source_out_of_the_list():
    """The order's second part (find._rank): article sentence 0 comes from story A; sentence 1 is matched
    best by five copies of one story (the same sentence in each, cosine 0.8) and less well by story B's own
    sentence (0.7). The list is A, one copy, then B: not A and the five copies, with B sixth."""
    import numpy as np
    from compare.archive.find import RANK_FLOOR, _rank
    rng = np.random.default_rng(0)
    own, copied, b_own = (v / np.linalg.norm(v) for v in rng.normal(size=(3, 384)))
    cos = np.array([[0.9, 0.1]] + [[0.1, 0.8]] * 5 + [[0.1, 0.7]])          # A, five copies, B
    units = np.stack([[own, own]] + [[copied, copied]] * 5 + [[b_own, b_own]])
    gain = np.clip((cos - RANK_FLOOR) / (1 - RANK_FLOOR), 0, None)
    order = _rank(gain, cos.mean(axis=1), np.zeros(7), units, k=5)
    assert order[:3] == [0, 1, 6] and len(order) == 5


def test_a_second_source_is_looked_for_with_the_sentences_the_first_leaves_out(tmp_path, newsroom, monkeypatch):
    """At archive scale the nearest stories to one sentence and the stories holding most of the article's
    rare words can all be copies of its main source: the words of the other source's sentence are held
    by thousands of stories too. Here 40 versions of story A and 40 of story B (each drops two of its
    sentences) make every word common, the word search fills with versions of A, and the vector search
    asks only for the nearest story to the whole article and its runs (``SENTENCE_K`` 0, ``ANN_K`` 1),
    standing in for a million stories. A sentence taken word for word from story B is still found in B
    or a version of it: looked up again on its own, since A does not say it."""
    import itertools
    import re

    from compare.archive import find

    def sentences(story):
        return re.split(r"(?<=[.!?\"”])\s+", newsroom[story]["wire"].strip())

    def versions(story, keep):
        sents = sentences(story)
        drops = [d for d in itertools.combinations(range(len(sents)), 2) if keep not in d][:40]
        return [{"id": f"{story}-v{n}", "text": " ".join(s for k, s in enumerate(sents) if k not in d)}
                for n, d in enumerate(drops)]

    a, b = "tune-11-india-power-demand", "tune-13-albuquerque-mayor"
    b_sents = sentences(b)
    longest = max(range(len(b_sents)), key=lambda k: len(b_sents[k]))
    article = newsroom[a]["wire"].strip() + "\n\n" + b_sents[longest]
    with Archive(tmp_path / "a.sqlite3") as archive:
        archive.add([{"id": k, "text": v["wire"]} for k, v in newsroom.items()]
                    + versions(a, keep=0) + versions(b, keep=longest))
        monkeypatch.setattr(find, "SENTENCE_K", 0)
        monkeypatch.setattr(find, "ANN_K", 1)
        found = [s.id for s in archive.find(article, k=5)]
    assert found[0].startswith(a) and any(f.startswith(b) for f in found), found


def test_find_runs_on_one_blas_thread_and_gives_the_others_back(archive, newsroom):
    """find's matrix products run on one BLAS thread, so that spinning BLAS threads do not take the cores
    from the model embedding the article; the rest of the process keeps its threads. (On a one-core
    machine there is nothing to see: one thread before and after.)"""
    from threadpoolctl import threadpool_info

    from compare.archive.archive import _default_encode

    def blas_threads():             # numpy's BLAS, the one find's products run on (scipy may load its own)
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas" and "numpy" in i["filepath"]]

    before, during = blas_threads(), []

    def encode(texts):
        during.extend(blas_threads())
        return _default_encode(texts)

    found = archive.find(newsroom["tune-07-whooping-cough"]["faithful"] + " A sentence nobody archived.", encode=encode)
    assert found[0].id == "tune-07-whooping-cough"
    assert during and set(during) == {1}
    assert blas_threads() == before

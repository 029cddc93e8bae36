"""Archive.add: idempotent, refusals named, one transaction (a killed add leaves the archive as it was)."""
import os
import signal
import subprocess
import sys
import textwrap
import time

from compare.archive import Archive


def test_adding_again_skips_and_a_changed_text_is_refused(tmp_path, newsroom):
    items = list(newsroom.items())[:3]
    with Archive(tmp_path / "a.sqlite3") as a:
        first = a.add([{"id": k, "text": v["wire"]} for k, v in items])
        assert (first.added, first.skipped, first.refused) == (3, 0, [])
        again = a.add([{"id": k, "text": v["wire"]} for k, v in items])
        assert (again.added, again.skipped, again.refused) == (0, 3, [])
        k0 = items[0][0]
        changed = a.add([{"id": k0, "text": items[1][1]["wire"]}])
        assert changed.added == 0 and changed.refused[0][0] == f"story {k0!r}"
        assert "already in the archive with another text" in changed.refused[0][1]
        assert a.story(k0).text == items[0][1]["wire"]          # never overwritten
        assert len(a) == 3


def test_bad_stories_are_refused_and_named(tmp_path, newsroom):
    wire = next(iter(newsroom.values()))["wire"]
    stories = [{"id": "ok", "text": wire}, {"id": "no-text"}, {"id": "empty", "text": "   \n"},
               {"text": wire + " Again."}, {"id": "german", "text": "Die Regierung hat am Dienstag das Gesetz "
                                              "beschlossen, und die Opposition ist nicht damit einverstanden, "
                                              "weil sie mit dem Plan nicht zufrieden ist und das auch sagt."},
               {"id": "dup", "text": wire}, {"id": "dup", "text": wire.replace("Tuesday", "Monday")},
               {"id": "line", "text": "", "where": "feed.jsonl line 9"}]
    with Archive(tmp_path / "a.sqlite3") as a:
        report = a.add(stories)
    assert report.added == 2            # ok, dup (the first)
    refused = dict(report.refused)
    assert "no text" in refused["story 'no-text'"]
    assert "empty" in refused["story 'empty'"]
    assert "no id" in refused["item 4"]
    assert "English" in refused["story 'german'"]
    assert "another text" in refused["story 'dup'"]
    assert "empty" in refused["feed.jsonl line 9"]


CHILD = textwrap.dedent("""
    import sys, time
    import compare.archive.ingest as ingest
    from compare.archive import Archive
    from compare.embed.embedder import get_embedder
    ingest.CHUNK = 2
    calls = []
    def encode(texts):
        calls.append(1)
        if len(calls) == 3:                     # two chunks are inserted: now die mid-add
            open(sys.argv[2], "w").write("inserting")
            time.sleep(600)
        return get_embedder().encode(texts)
    import json
    stories = json.load(open(sys.argv[3]))
    with Archive(sys.argv[1]) as a:
        a.add(stories, encode=encode)
""")


def test_a_killed_add_leaves_the_archive_as_it_was(tmp_path, newsroom):
    import json
    items = list(newsroom.items())
    path = tmp_path / "a.sqlite3"
    with Archive(path) as a:
        a.add([{"id": k, "text": v["wire"]} for k, v in items[:2]])
    # new stories whose sentences are all new to the archive (rewrites), so each chunk calls the encoder
    fresh = [{"id": f"{k}-faithful", "text": v["faithful"]} for k, v in items[2:10]]
    (tmp_path / "stories.json").write_text(json.dumps(fresh))
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(marker), str(tmp_path / "stories.json")],
                             cwd=os.path.join(os.path.dirname(__file__), "..", ".."))
    try:
        deadline = time.time() + 300
        while not marker.exists() and child.poll() is None and time.time() < deadline:
            time.sleep(0.2)
        assert marker.exists(), "the child never reached its third chunk"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    with Archive(path) as a:
        assert len(a) == 2
        assert a.story(fresh[0]["id"]) is None
        assert a.find(items[0][1]["faithful"])[0].id == items[0][0]
        report = a.add(fresh[:1])                    # and it takes the same stories again
        assert report.added == 1 and len(a) == 3

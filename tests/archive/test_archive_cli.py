"""The archive's commands through compare.cli.main: exit codes, the summary, the JSON shape."""
import json

from compare.cli import main


def test_add_names_bad_lines_and_exits_3(tmp_path, newsroom, capsys):
    items = list(newsroom.items())[:2]
    feed = tmp_path / "stories.jsonl"
    lines = [json.dumps({"id": k, "text": v["wire"], "headline": k.upper()}) for k, v in items]
    feed.write_bytes(("\n".join(lines) + "\nnot json\n" + json.dumps({"id": "x"}) + "\n").encode() + b"\xff\xfe\n")
    archive = tmp_path / "a.sqlite3"
    assert main(["archive", "add", str(feed), "--archive", str(archive), "--no-progress"]) == 3
    err = capsys.readouterr().err
    assert "2 added, 0 skipped, 3 refused" in err
    assert f"{feed} line 3: refused: not JSON" in err and f"{feed} line 4: refused: no text" in err
    assert f"{feed} line 5: refused: not UTF-8" in err
    assert main(["archive", "add", str(feed), "--archive", str(archive), "--no-progress"]) == 3
    assert "0 added, 2 skipped, 3 refused" in capsys.readouterr().err

    article = tmp_path / "article.txt"
    article.write_text(items[1][1]["faithful"])
    assert main(["find", str(article), "--format", "json", "--archive", str(archive)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found[0]["id"] == items[1][0] and found[0]["headline"] == items[1][0].upper()
    assert set(found[0]) >= {"id", "score", "headline", "shared"} and 0 < found[0]["score"] <= 1
    assert {"derived", "wire", "similarity"} <= set(found[0]["shared"][0])

    out = tmp_path / "report.md"
    assert main(["check", str(article), "--format", "md", "--out", str(out), "--archive", str(archive)]) == 0
    assert items[1][0] in capsys.readouterr().err and out.read_text().strip()


def test_find_without_an_archive_says_how_to_build_one(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text("The council approved the budget on Monday after a long debate about schools and roads.")
    assert main(["find", str(article), "--archive", str(tmp_path / "none.sqlite3")]) == 2
    assert "archive add" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite3").exists()

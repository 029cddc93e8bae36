"""An archive of the newsroom set's tune-half wire stories (bench/newsroom/tune), built once per test run."""
import glob
import os
import tomllib

import pytest

from compare.archive import Archive

TUNE = os.path.join(os.path.dirname(__file__), "..", "..", "bench", "newsroom", "tune")


def clean(text: str) -> str:
    """A drifted rewrite without its error marks ({{figure:15}} -> 15)."""
    import re
    return re.sub(r"\{\{[a-z]+:(.*?)\}\}", r"\1", text, flags=re.S)


@pytest.fixture(scope="session")
def newsroom():
    """{id: {"wire", "faithful", "drifted"}} for the 20 tune stories."""
    out = {}
    for path in sorted(glob.glob(os.path.join(TUNE, "*.toml"))):
        with open(path, "rb") as fh:
            d = tomllib.load(fh)
        out[d["id"]] = {"wire": d["wire"], "faithful": d["faithful"], "drifted": clean(d["drifted"])}
    return out


@pytest.fixture(scope="session")
def archive_path(tmp_path_factory, newsroom):
    path = tmp_path_factory.mktemp("archive") / "archive.sqlite3"
    with Archive(path) as archive:
        report = archive.add([{"id": k, "text": v["wire"], "source": "PTI", "time": "2025-03-04"}
                              for k, v in newsroom.items()])
    assert report.added == len(newsroom) and not report.refused
    return path


@pytest.fixture()
def archive(archive_path):
    with Archive(archive_path, create=False) as a:
        yield a

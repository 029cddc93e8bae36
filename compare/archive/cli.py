"""The archive's commands: ``archive add``, ``find``, ``check`` (routed here by ``compare.cli.main``).

Exit status: 0 done; 2 bad input or arguments (one line on stderr); 3 ``archive add`` finished but
refused some stories (each named on stderr with its file or line).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..errors import CompareError, MissingFileError
from .store import ArchiveError

__all__ = ["archive_command"]

ADD_EXAMPLES = """input: files (.txt/.md/.html: id = the file name), folders of them, or JSONL files
(.jsonl: one JSON object per line, {"id", "text"} plus optional "headline", "source", "time"; ids kept as given)

examples:
  python -m compare archive add stories.jsonl
  python -m compare archive add wires/ --archive /srv/desk/archive.sqlite3
  python -m compare archive add stories.jsonl --engine ray          # embed on a local Ray cluster
"""
FIND_EXAMPLES = """examples:
  python -m compare find article.txt
  python -m compare find article.html -k 10 --format json --archive /srv/desk/archive.sqlite3
"""
CHECK_EXAMPLES = """examples:
  python -m compare check article.txt --format md
  python -m compare check article.html --format html --out report.html
"""


def _archive_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--archive", metavar="PATH",
                   help="the archive file (default: COMPARE_ARCHIVE, else data/archive.sqlite3)")


def _open(path: str | None, create: bool):
    from .archive import Archive
    return Archive(path, create=create)


# -- archive add ---------------------------------------------------------------------------------------
def _jsonl(path: Path, refused: list):
    """The stories of a JSONL file; a line that is not UTF-8, not JSON or not an object is refused."""
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            where = f"{path} line {n}"
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                refused.append((where, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"))
                continue
            except json.JSONDecodeError as exc:
                refused.append((where, f"not JSON ({exc.msg} at column {exc.colno})"))
                continue
            if not isinstance(record, dict):
                refused.append((where, "not a JSON object with \"id\" and \"text\""))
                continue
            yield {**{k: record.get(k) for k in ("id", "text", "headline", "source", "time")}, "where": where}


def _article(path: Path, refused: list):
    from corpus.load import load_file
    try:
        art = load_file(path)
    except CompareError as exc:
        why = str(exc)
        refused.append((str(path), why[len(str(path)) + 2:] if why.startswith(f"{path}: ") else why))
        return None
    return {"id": path.name, "text": art.text, "where": str(path)}


def _stories(inputs: list[Path], refused: list):
    from corpus.load import ARTICLE_SUFFIXES
    for path in inputs:
        if path.is_dir():
            files = sorted(f for f in path.iterdir() if f.is_file() and not f.name.startswith(".")
                           and f.suffix.lower() in ARTICLE_SUFFIXES + (".jsonl",))
        else:
            files = [path]
        for f in files:
            if f.suffix.lower() == ".jsonl":
                yield from _jsonl(f, refused)
            elif (story := _article(f, refused)) is not None:
                yield story


def _encoder(engine: str):
    if engine != "ray":
        return None
    try:
        from ..ray_batch import ray_encoder
    except ImportError as exc:
        raise CompareError(f"--engine ray is not available here ({exc}); use --engine local") from None
    return ray_encoder()


def _add(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m compare archive add", description="Add wire stories to the archive.",
                                epilog=ADD_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", help="files, folders or JSONL files of stories")
    _archive_arg(p)
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="where sentences are embedded: this process (default) or a local Ray cluster")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    args = p.parse_args(argv)
    inputs = [Path(x) for x in args.inputs]
    for path in inputs:
        if not path.exists():
            raise MissingFileError(f"{path}: no such file or folder; check the path")
    refused: list[tuple[str, str]] = []
    encode = _encoder(args.engine)
    bar = None
    if sys.stderr.isatty() and not args.no_progress:
        from tqdm import tqdm
        bar = tqdm(unit=" stories", file=sys.stderr)
    try:
        with _open(args.archive, create=True) as archive:
            report = archive.add(_stories(inputs, refused), progress=bar.update if bar else None, encode=encode)
            path = archive.path
    finally:
        if bar is not None:
            bar.close()
        if encode is not None and hasattr(encode, "close"):
            encode.close()
    refused = refused + report.refused
    for where, why in refused:
        print(f"{where}: refused: {why}", file=sys.stderr)
    print(f"{report.added} added, {report.skipped} skipped, {len(refused)} refused → {path}", file=sys.stderr)
    return 3 if refused else 0


# -- find and check --------------------------------------------------------------------------------------
def _load_article(path: str):
    from corpus.load import load
    return load(path)


def _find(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m compare find", description="Find the wire stories an article draws on.",
                                epilog=FIND_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("article", help="the article: a .txt, .md or .html file, or an http(s) URL")
    p.add_argument("-k", type=int, default=5, help="how many sources to list (default 5)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    _archive_arg(p)
    args = p.parse_args(argv)
    art = _load_article(args.article)
    with _open(args.archive, create=False) as archive:
        sources = archive.find(art.text, k=args.k, name=art.name)
    if args.format == "json":
        sys.stdout.write(json.dumps([s.as_dict() for s in sources], ensure_ascii=False, indent=2) + "\n")
        return 0
    if not sources or sources[0].score == 0:
        print("no source found in the archive", file=sys.stderr)
    for rank, s in enumerate(sources, 1):
        print(f"{rank}. {s.id}  score {s.score:.2f}  {s.headline}")
        for x in s.shared[:3]:
            print(f"     {x.similarity:.2f}  {x.derived[:90]}")
            print(f"           ↳ {x.wire[:90]}")
    return 0


def _check(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m compare check",
                                description="Find an article's sources in the archive and compare it against them.",
                                epilog=CHECK_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("article", help="the article: a .txt, .md or .html file, or an http(s) URL")
    p.add_argument("--format", choices=("json", "md", "html"), default="json", help="report format (default json)")
    p.add_argument("--out", help="write the report to this file instead of standard output")
    _archive_arg(p)
    args = p.parse_args(argv)
    if args.out and (os.path.isdir(args.out) or not os.path.isdir(os.path.dirname(os.path.abspath(args.out)))):
        raise CompareError(f"{args.out}: cannot write a report there; choose another --out")
    art = _load_article(args.article)
    with _open(args.archive, create=False) as archive:
        result = archive.check(art.text, name=art.name)
    from ..output import render
    text = render(args.format, [result.comparison])
    used = ", ".join(f"{s.id} ({s.score:.2f})" for s in result.used)
    if args.out:
        from ..output.files import write_whole
        write_whole(args.out, text)
        print(f"wrote {args.out}: compared against {used}; {len(result.comparison.flags)} flag(s)", file=sys.stderr)
    else:
        sys.stdout.write(text + "\n")
        print(f"compared against {used}; {len(result.comparison.flags)} flag(s)", file=sys.stderr)
    return 0


def archive_command(command: str, argv: list[str]) -> int:
    """``command``: "archive" (then ``add``), "find" or "check"; returns the exit status."""
    if command == "find":
        return _find(argv)
    if command == "check":
        return _check(argv)
    if argv[:1] != ["add"]:
        raise CompareError("usage: python -m compare archive add FILES|DIR|JSONL [--archive PATH] "
                           "(see python -m compare archive add --help)")
    return _add(argv[1:])


# ArchiveError is re-exported for callers that catch the archive's own errors
_ = ArchiveError

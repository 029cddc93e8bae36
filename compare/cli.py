"""Command line: ``python -m compare``.

    python -m compare WIRE DERIVED [DERIVED ...] [--format json|md|html] [--out FILE]
    python -m compare batch PAIRS.jsonl --out RESULTS.jsonl
    python -m compare archive add FILES|DIR|JSONL       (the wire archive: docs/archive.md)
    python -m compare find ARTICLE [-k 5] [--format json]
    python -m compare check ARTICLE [--format json|md|html]

Exit status: 0 done; 2 bad input or arguments (one line on stderr says why); 3 batch finished but
skipped bad lines (each reported with its line number on stderr); 130 interrupted (Ctrl-C; 143 for
SIGTERM), the results written so far kept in the output file.

Output files are written under a temporary name beside them and moved into place at the end, so an
existing file is never emptied first; an --out that is an input file is refused.
"""
from __future__ import annotations

import argparse
import os
import sys

from .errors import CompareError

__all__ = ["main"]

EXAMPLES = """examples:
  python -m compare corpus/demo/wire_dawn_reuters_2023-12-27.txt corpus/demo/derived_rewrite_2023-12-28.txt
  python -m compare wire.txt rewrite.html aggregator.md --format html --out report.html
  python -m compare wire.txt https://example.com/story --format md
"""
BATCH_EXAMPLES = """input: one JSON object per line, {"id": ..., "wire": TEXT, "derived": TEXT}
output: one JSON object per line, {"id", "sentences", "flags", "omissions", "summary"}

examples:
  python -m compare batch pairs.jsonl --out results.jsonl
  python -m compare batch pairs.jsonl --out results.jsonl --engine ray --workers 8     # a local Ray, 8 workers
  python -m compare batch pairs.jsonl --out results.jsonl --engine ray --address 10.0.0.5:6379   # a cluster

--engine ray compares on Ray Data (docs/scale.md): each worker loads the models once; the results, their
order and the lines skipped are those of the local batch.
"""


def _check_out(path: str | None) -> None:
    """Refuse an --out path that cannot be written before any work is done."""
    if path is None:
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise CompareError(f"{path}: the folder {folder} does not exist; create it or choose another --out")
    if os.path.isdir(path):
        raise CompareError(f"{path}: this is a folder; give --out a file name")


def _refuse_input_as_out(out: str | None, inputs: list[str]) -> None:
    """Refuse an --out that is one of the input files (through links too) before any work is done."""
    if out is None or not os.path.isfile(out):
        return
    from .output.files import same_file
    for path in inputs:
        if "://" not in path and os.path.isfile(path) and same_file(path, out):
            raise CompareError(f"{out}: this is the input file {path} itself; writing there would destroy it, "
                               "so choose another --out")


def _add_disable(p: argparse.ArgumentParser) -> None:
    from .decide.verdict import CHECKS
    p.add_argument("--disable", action="append", default=[], metavar="CHECK",
                   help=f"switch a check off (repeat, or separate with commas): {', '.join(CHECKS)}; "
                        "or a step of the checks (figures.amounts, polarity.negation …); see docs/checks.md")


def _apply_disable(args) -> None:
    """--disable reaches every engine of this run (batch's too) through COMPARE_DISABLE."""
    names = [n.strip() for arg in args.disable for n in arg.split(",") if n.strip()]
    if names:
        from .decide.verdict import validate_checks
        validate_checks(names)          # an unknown name is refused here, before any work
        os.environ["COMPARE_DISABLE"] = ",".join(names)


def _compare_main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m compare", description="Check derived articles against a wire copy.",
                                epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("wire", help="the wire copy: a .txt, .md or .html file, or an http(s) URL")
    p.add_argument("derived", nargs="+", help="one or more derived articles (files or URLs)")
    p.add_argument("--format", choices=("json", "md", "html"), default="json", help="report format (default json)")
    p.add_argument("--out", help="write the report to this file instead of standard output")
    _add_disable(p)
    args = p.parse_args(argv)
    _apply_disable(args)
    _check_out(args.out)
    _refuse_input_as_out(args.out, [args.wire, *args.derived])

    from corpus.load import load
    from .output import render
    from .engine import get_engine

    wire = load(args.wire)
    derived = [load(d) for d in args.derived]
    engine = get_engine()
    w = engine.prepare_wire(wire.text, wire.name)
    comps = [engine.compare(w, d.text, d.name) for d in derived]
    text = render(args.format, comps)
    if args.out:
        from .output.files import write_whole
        write_whole(args.out, text)         # a temporary file, moved into place once whole
        n = sum(len(c.flags) for c in comps)
        print(f"wrote {args.out}: {len(comps)} derived article(s), {n} flag(s)", file=sys.stderr)
    else:
        sys.stdout.write(text + "\n")
    return 0


def _batch_main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m compare batch", description="Compare many pairs, one JSON line each.",
                                epilog=BATCH_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("pairs", help="JSONL file of {id, wire, derived} (use - for standard input)")
    p.add_argument("--out", required=True, help="JSONL file to write results to (streamed into a temporary file "
                                                "beside it, moved into place at the end or on Ctrl-C)")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.add_argument("--processes", type=int, choices=(1, 2),
                   help="2: the embedding model runs in a second process, beside the checks (default: "
                        "COMPARE_PROCESSES, else 2 on a machine with two cores or more)")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="ray: compare on Ray Data, one engine per worker (docs/scale.md); default local")
    p.add_argument("--workers", type=int, metavar="N",
                   help="with --engine ray: workers, each loading the models once (default: this machine's "
                        "cores, or the cluster's CPUs with --address)")
    p.add_argument("--address", metavar="HOST:PORT",
                   help="with --engine ray: the Ray cluster to join (default: RAY_ADDRESS, else a local Ray "
                        "started for this run)")
    _add_disable(p)
    args = p.parse_args(argv)
    if args.engine != "ray" and (args.workers is not None or args.address is not None):
        raise CompareError("--workers and --address go with --engine ray")
    if args.workers is not None and args.workers < 1:
        raise CompareError(f"--workers {args.workers}: expected at least 1")
    _apply_disable(args)
    _check_out(args.out)
    from .batch import BatchInterrupted, default_processes, run_batch
    src = sys.stdin if args.pairs == "-" else None
    if src is None and not os.path.isfile(args.pairs):
        raise CompareError(f"{args.pairs}: no such file")
    progress = sys.stderr.isatty() and not args.no_progress
    report = dict(on_error=lambda line, msg: print(f"line {line}: skipped: {msg}", file=sys.stderr),
                  on_warning=lambda line, msg: print(f"line {line}: warning: {msg}", file=sys.stderr))
    try:
        if args.engine == "ray":
            from .ray_batch import run_ray_batch      # Ray is imported only on this path
            stats = run_ray_batch(args.pairs if src is None else src, args.out, progress=progress,
                                  workers=args.workers, address=args.address, **report)
        else:
            processes = default_processes() if args.processes is None else args.processes
            stats = run_batch(args.pairs if src is None else src, args.out, progress=progress, processes=processes,
                              **report)
    except BatchInterrupted as exc:
        done = exc.stats.done
        skipped = f", {exc.stats.skipped} line(s) skipped" if exc.stats.skipped else ""
        where = f"written to {args.out}" if done else f"written; {args.out} left as it was"
        print(f"interrupted: {done} result{'' if done == 1 else 's'} {where}{skipped}", file=sys.stderr)
        return 128 + exc.signum
    dup = f", {stats.duplicates} duplicate id(s)" if stats.duplicates else ""
    print(f"{stats.done} pair(s) compared, {stats.skipped} skipped{dup} → {args.out}", file=sys.stderr)
    return 3 if stats.skipped else 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        if argv[:1] == ["batch"]:
            return _batch_main(argv[1:])
        if argv[:1] in (["archive"], ["find"], ["check"]):
            from .archive.cli import archive_command     # the wire archive: docs/archive.md
            return archive_command(argv[0], argv[1:])
        return _compare_main(argv)
    except CompareError as exc:
        print(f"compare: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("compare: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"compare: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2

"""Ctrl-C pressed on a command the way a terminal presses it: SIGINT to the command's whole process group."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from typing import Callable, TypeVar

import pytest

T = TypeVar("T")


def _as_at_a_terminal() -> None:
    """The command starts as a terminal's foreground job does, with Ctrl-C at its default, whatever the
    test run inherited: a suite started in the background (``make test &``) has SIGINT ignored, which
    its children keep, and ``compare batch`` rightly leaves an ignored Ctrl-C ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def press_ctrl_c(cmd: list[str], env: dict, cwd, when: Callable[[], T | None],
                 wait_s: float = 240) -> tuple[T, int, str]:
    """Start ``cmd`` in a process group of its own, poll ``when()`` until it returns something (the test
    fails if the command ends or ``wait_s`` pass first), press Ctrl-C, and return what ``when()`` returned,
    the exit status and the standard error. A command still running 120 s after Ctrl-C gets SIGABRT (with
    ``PYTHONFAULTHANDLER`` set, each of its Python processes prints where it was) and fails the test."""
    proc = subprocess.Popen(cmd, cwd=cwd, env={**env, "PYTHONFAULTHANDLER": "1"}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=_as_at_a_terminal)
    try:
        seen, deadline = None, time.monotonic() + wait_s
        while seen is None and time.monotonic() < deadline and proc.poll() is None:
            seen = when()
            time.sleep(0.05)
        assert seen is not None, "the moment to press Ctrl-C never came"
        os.killpg(proc.pid, signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGABRT)
            _, err = proc.communicate(timeout=60)
            pytest.fail(f"still running 120 s after Ctrl-C; where each process was:\n{err[-20000:]}")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    return seen, proc.returncode, err


def results_said_written(code: int, err: str, out) -> int:
    """How many results an interrupted ``compare batch`` says it wrote to ``out``, once it is checked to
    have stopped as Ctrl-C should: exit status 130 and one line on standard error, no traceback."""
    import re
    assert code == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    m = re.fullmatch(rf"interrupted: (\d+) results? written to {re.escape(str(out))}", lines[0])
    assert m, lines[0]
    return int(m.group(1))

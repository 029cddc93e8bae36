"""Output files written whole or not at all: a file is written under a temporary name beside it and
moved into place (``os.replace``) when done, so a failure, a Ctrl-C or a full disk never leaves half a
file where the old one was; and an output that is the input itself is refused before anything is
written. Used by batch runs, reports and the archive's exports."""
from __future__ import annotations

import os
import stat
from typing import TextIO

from ..errors import CompareError

__all__ = ["OutputFile", "same_file", "write_whole", "refuse_input_as_output"]


def same_file(a, b) -> bool:
    """Whether two paths (or open files) name one file: through symbolic and hard links alike."""
    def st(x):
        return os.fstat(x.fileno()) if hasattr(x, "fileno") else os.stat(x)
    try:
        return os.path.samestat(st(a), st(b))
    except (OSError, ValueError, AttributeError):
        pass
    if any(hasattr(x, "fileno") for x in (a, b)):
        return False
    return os.path.realpath(a) == os.path.realpath(b)


def write_whole(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through an :class:`OutputFile`: the file at ``path`` is replaced only
    once the whole text is written, and left as it was on any failure."""
    out = OutputFile(path)
    try:
        out.write(text)
    except BaseException:
        out.discard()
        raise
    out.commit()


class OutputFile:
    """A text file written under a temporary name in its own folder and moved into place by ``commit``
    (``os.replace``): until then the file at ``path``, if any, is untouched. A symbolic link is kept
    (its target is replaced); a device or a pipe (``/dev/stdout``) is written directly."""

    def __init__(self, path: str):
        self.path = path
        self.target = os.path.realpath(path)
        self.tmp: str | None = None
        if os.path.exists(self.target) and not os.path.isfile(self.target):
            self.fh = open(self.target, "w", encoding="utf-8")
            return
        folder, base = os.path.split(self.target)
        for k in range(100):
            tmp = os.path.join(folder, f".{base}.{os.getpid()}-{os.urandom(3).hex()}.part")
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)   # the umask applies, as for open()
                break
            except FileExistsError:
                continue
            except OSError as exc:
                raise CompareError(f"{path}: cannot write in the folder {folder} ({exc.strerror})") from None
        else:
            raise CompareError(f"{path}: cannot create a temporary file in {folder}")
        self.tmp = tmp
        try:
            os.chmod(tmp, stat.S_IMODE(os.stat(self.target).st_mode))    # an existing file keeps its mode
        except OSError:
            pass
        self.fh = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, text: str) -> None:
        self.fh.write(text)

    def flush(self) -> None:
        self.fh.flush()

    def commit(self) -> None:
        """Close the file and move it into place."""
        self.fh.close()
        if self.tmp is not None:
            os.replace(self.tmp, self.target)
            self.tmp = None

    def discard(self) -> None:
        """Close and remove the temporary file: the file at ``path`` stays as it was."""
        self.fh.close()
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


def refuse_input_as_output(src: str | TextIO, out_path: str) -> None:
    """Raise :class:`CompareError` when ``out_path`` is the input ``src`` (through links too)."""
    if os.path.isfile(out_path) and same_file(src, out_path):
        name = src if isinstance(src, str) else "standard input"
        raise CompareError(f"{out_path}: this is the input ({name}) itself; writing results there would "
                           "destroy the pairs, so choose another output file")

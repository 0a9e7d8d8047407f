"""Atomic output: a file appears complete, or the previous one stays as it was.

Every file this package writes goes first to a temporary file in the target's own folder (so
the final rename never crosses a file system), is flushed and fsynced, and only then renamed
over the target with `os.replace`. Where the kernel allows it the temporary file has no name at
all (`O_TMPFILE`) until the moment it is linked in, so even a run killed with SIGKILL leaves no
scratch behind; elsewhere it is a hidden `.<name>.<random>.tmp` removed on any error.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


class OutputError(OSError):
    """A file could not be written; the message is one line naming the path and the cause."""


def describe(exc: OSError, path: Path | str) -> str:
    """One line for an OS error: the path and what went wrong, never a traceback."""
    name = exc.filename if isinstance(exc.filename, str) and exc.filename else str(path)
    return f"{name}: {exc.strerror or exc}"


def _mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _open_anonymous(folder: Path) -> tuple[int, str | None]:
    """A file descriptor for the new content, and its scratch name if it needs one."""
    if hasattr(os, "O_TMPFILE") and Path("/proc/self/fd").is_dir():
        with contextlib.suppress(OSError):
            return os.open(folder, os.O_TMPFILE | os.O_WRONLY, _mode()), None
    fd, scratch = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    os.fchmod(fd, _mode())
    return fd, scratch


def _link(fd: int, name: str) -> None:
    """Give a nameless file a name. `linkat` must follow the /proc link, which CPython asks
    for only when a directory descriptor is passed."""
    root = os.open("/", os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", name, src_dir_fd=root, follow_symlinks=True)
    finally:
        os.close(root)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary handle whose content replaces `path` only when the block ends without error."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, scratch = _open_anonymous(folder)
    except OSError as exc:
        raise OutputError(describe(exc, path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            if scratch is None:
                scratch = str(folder / f".{path.name}.{os.getpid()}.{id(handle):x}.tmp")
                _link(handle.fileno(), scratch)
        os.replace(scratch, path)
        scratch = None
        _fsync_folder(folder)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(describe(exc, path)) from None
    finally:
        if scratch is not None:
            with contextlib.suppress(OSError):
                os.unlink(scratch)


def check_writable(target: Path, is_folder: bool = False) -> None:
    """Fail now, in one line, if nothing could be written at `target` (a file, or a folder to
    fill): the nearest folder that exists is probed with a nameless file, leaving no trace."""
    folder = Path(target).absolute() if is_folder else Path(target).absolute().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError(f"{folder}: not a folder, so {target} cannot be written")
    try:
        fd, scratch = _open_anonymous(folder)
        os.close(fd)
        if scratch:
            os.unlink(scratch)
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({folder}: {exc.strerror or exc})") from None


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_file(path) as handle:
        handle.write(data)


def write_text(path: Path, text: str) -> None:
    """UTF-8 text, written as given: line endings are the caller's, never translated."""
    write_bytes(path, text.encode("utf-8"))

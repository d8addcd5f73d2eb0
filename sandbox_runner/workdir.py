"""A run's working directory: a /run_code run's files written into it before the child starts and read back
after it ended (SandboxFusion's `files` / `fetch_files`), and its removal. Contents travel between judge and
worker as hex (bytes.fromhex / bytes.hex are built in): base64's binascii maps zlib into the worker, which
every fork would copy; the judge translates from and to the base64 of the wire.

The worker does both as root, so a name is trusted only as a plain relative path, and reading back never
follows a link the program may have planted (it could point at anything root can read).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager


def encode(text: str) -> str:
    """A text file's contents as the hex `place` takes (a lone surrogate passes through unchanged)."""
    return text.encode("utf-8", "surrogatepass").hex()


def parts(name: str) -> list[str]:
    """The components of a file name a request may use; ValueError naming the problem otherwise."""
    if not name or "\0" in name or name.startswith("/"):
        raise ValueError(f"file name {name!r} must be a non-empty relative path")
    comps = [c for c in name.split("/") if c not in ("", ".")]
    if not comps or ".." in comps:
        raise ValueError(f"file name {name!r} must stay inside the working directory (no '..')")
    return comps


def place(workdir: str, files: dict[str, str], uid: int | None) -> None:
    """Write each hex-encoded file under `workdir` (fresh and empty, so nothing in it is a link yet); `uid` owns
    what is created, so the program can change or remove its own files."""
    for name, content in files.items():
        *dirs, leaf = parts(name)
        path = workdir
        for d in dirs:
            path = os.path.join(path, d)
            if not os.path.isdir(path):
                os.mkdir(path, 0o755)
                _own(path, uid)
        target = os.path.join(path, leaf)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(bytes.fromhex(content))
        _own(target, uid)


def fetch(workdir: str, names: list[str], cap: int) -> dict[str, str]:
    """The regular files among `names` as hex, at most `cap` bytes in all (a later file that would pass the
    cap is left out); missing ones, links, directories and devices are skipped, as SandboxFusion skips them."""
    out: dict[str, str] = {}
    for name in names:
        try:
            with _open_beneath(workdir, parts(name)) as fd:
                size = os.fstat(fd).st_size
                if size > cap:
                    continue
                data = os.pread(fd, size, 0)
        except (OSError, ValueError):
            continue
        cap -= len(data)
        out[name] = data.hex()
    return out


@contextmanager
def _open_beneath(root: str, comps: list[str]) -> Iterator[int]:
    """A regular file's fd, opened component by component without following any link."""
    fds = [os.open(root, os.O_RDONLY | os.O_DIRECTORY)]
    try:
        for d in comps[:-1]:
            fds.append(os.open(d, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fds[-1]))
        fds.append(os.open(comps[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=fds[-1]))
        if not stat.S_ISREG(os.fstat(fds[-1]).st_mode):
            raise OSError(f"{'/'.join(comps)} is not a regular file")
        yield fds[-1]
    finally:
        for fd in fds:
            os.close(fd)


def remove(workdir: str) -> None:
    """Delete `workdir` and whatever the program left in it, never following a link it planted. (Not
    shutil.rmtree: shutil loads zlib, bz2 and lzma, which every fork of the worker would copy.)"""
    try:
        for _, dirs, files, fd in os.fwalk(workdir, topdown=False):
            for name in files:
                os.unlink(name, dir_fd=fd)
            for name in dirs:  # fwalk lists a link to a directory here, and does not descend into it
                try:
                    os.rmdir(name, dir_fd=fd)
                except NotADirectoryError:
                    os.unlink(name, dir_fd=fd)
        os.rmdir(workdir)
    except OSError:  # gone already, or a name vanished meanwhile: the worker's tmpfs is bounded anyway
        pass


def _own(path: str, uid: int | None) -> None:
    if uid is not None:
        os.chown(path, uid, uid, follow_symlinks=False)

"""Atomic, verified model directories in a local cache.

A model directory is built in a temporary sibling, verified, given a manifest (file sizes and SHA-256), and
only then renamed into place. A rename is atomic on one filesystem, so a crash at any point leaves either
no model or a complete one; a half-written directory never carries the final name and is never loaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path

MANIFEST = "rltf_manifest.json"


def cache_root(cache_dir: str | os.PathLike | None = None) -> Path:
    """Where prepared models live: `cache_dir`, else $RLTF_CACHE, else ~/.cache/rltf/models."""
    root = cache_dir or os.environ.get("RLTF_CACHE") or Path.home() / ".cache" / "rltf" / "models"
    return Path(root).expanduser()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_manifest(model_dir: Path) -> None:
    files = sorted(p for p in model_dir.iterdir() if p.is_file() and p.name != MANIFEST)
    entries = {p.name: {"bytes": p.stat().st_size, "sha256": _sha256(p)} for p in files}
    (model_dir / MANIFEST).write_text(json.dumps(entries, indent=1))


def check_manifest(model_dir: Path, hashes: bool = False) -> None:
    """Raise ValueError naming the first file that is missing, truncated or (with `hashes`) altered."""
    manifest = model_dir / MANIFEST
    if not manifest.is_file():
        raise ValueError(f"{model_dir}: no {MANIFEST}; not a completed rltf model directory")
    for name, meta in json.loads(manifest.read_text()).items():
        path = model_dir / name
        if not path.is_file():
            raise ValueError(f"{model_dir}: file {name} listed in {MANIFEST} is missing")
        if path.stat().st_size != meta["bytes"]:
            raise ValueError(f"{model_dir}: {name} has {path.stat().st_size} bytes, expected {meta['bytes']}")
        if hashes and _sha256(path) != meta["sha256"]:
            raise ValueError(f"{model_dir}: {name} does not match its SHA-256 in {MANIFEST}")


def _tmp_prefix(dest: Path) -> str:
    """Temporary build directories are named <prefix><pid>-<random>."""
    return f".tmp-{dest.name}-{socket.gethostname()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def remove_stale_builds(dest: Path) -> list[Path]:
    """Delete the temporary directories of builds of `dest` that died on this host (kill -9, power loss).

    The builder's host and pid are in the directory name, so a live concurrent builder's directory, or one
    from another host sharing the cache, is left alone."""
    prefix = _tmp_prefix(dest)
    stale = []
    for d in dest.parent.glob(f"{prefix}*"):
        pid = d.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(d, ignore_errors=True)
            stale.append(d)
    return stale


def build_atomically(dest: Path, build: Callable[[Path], None]) -> Path:
    """Return `dest`, building it with `build(tmp_dir)` first if it does not exist yet.

    `build` writes the model into an empty temporary directory and verifies it (raising on mismatch). A
    concurrent builder that wins the rename race is fine: its complete directory is kept and ours dropped.
    """
    if dest.is_dir():
        check_manifest(dest)
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(dest)
    tmp = Path(tempfile.mkdtemp(prefix=f"{_tmp_prefix(dest)}{os.getpid()}-", dir=dest.parent))
    try:
        build(tmp)
        write_manifest(tmp)
        tmp.chmod(0o755)  # mkdtemp makes it private; the finished model is an ordinary shared directory
        try:
            os.rename(tmp, dest)
        except OSError:
            if not dest.is_dir():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    check_manifest(dest)
    return dest

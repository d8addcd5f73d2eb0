"""Atomic checkpoints: kill -9 in the middle of a save leaves `latest` naming the last complete one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("ckpt_child.py")
REPO = Path(__file__).resolve().parents[2]


def child(*args: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, MASTER_PORT=str(port), OMP_NUM_THREADS="1", PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        cwd=REPO,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


@pytest.mark.slow
@pytest.mark.parametrize("point,port", [("_fsync_tree", 29661), ("_write_atomic", 29663)])
def test_kill_9_mid_save_keeps_the_last_good_checkpoint(tmp_path, point, port):
    """`_fsync_tree`: killed while the new checkpoint is still a temporary directory; `_write_atomic`: killed
    after it was renamed into place but before `latest` moved."""
    proc = child("save", str(tmp_path), point, port=port)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("IN SAVE"):
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "".join(lines[-30:])
    assert (tmp_path / "latest").read_text() == "iter_000001"
    verify = child("verify", str(tmp_path), port=port + 1)
    out, _ = verify.communicate(timeout=300)
    assert verify.returncode == 0, out[-4000:]
    assert "VERIFIED iter_000001 1 -> iter_000002" in out

"""Model references, and the atomic, verified preparation of cached model directories."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from rltf.models import resolve_model, tiny_model
from rltf.models.store import MANIFEST, build_atomically, check_manifest


def test_local_dir_and_hub_id_pass_through(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    assert resolve_model(str(tmp_path)) == tmp_path
    assert resolve_model("HuggingFaceTB/SmolLM2-360M-Instruct") == "HuggingFaceTB/SmolLM2-360M-Instruct"


@pytest.mark.parametrize("ref", ["./no/such/dir", "/no/such/dir", "smollm2", "a/b/c"])
def test_unknown_reference_is_a_clear_error(ref):
    with pytest.raises(ValueError, match="neither a known name"):
        resolve_model(ref)


def test_dir_without_config_is_rejected(tmp_path):
    with pytest.raises(ValueError, match="no config.json"):
        resolve_model(str(tmp_path))


def _write_files(out: Path) -> None:
    (out / "config.json").write_text(json.dumps({"model_type": "llama"}))
    (out / "model.safetensors").write_bytes(b"\0" * 1000)


def test_failed_build_leaves_nothing_that_loads(tmp_path):
    dest = tmp_path / "m"

    def crash(out: Path) -> None:
        (out / "config.json").write_text("{}")  # half a model
        raise RuntimeError("killed mid-way")

    with pytest.raises(RuntimeError, match="killed mid-way"):
        build_atomically(dest, crash)
    assert not dest.exists()
    assert list(tmp_path.iterdir()) == []  # the temporary directory is gone too
    assert build_atomically(dest, _write_files) == dest
    check_manifest(dest, hashes=True)


def test_leftovers_of_a_killed_build_are_removed_but_a_live_builders_are_kept(tmp_path):
    dest = tmp_path / "m"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    host = socket.gethostname()
    killed = tmp_path / f".tmp-m-{host}-{int(dead.stdout)}-abc"  # a build that died mid-way (kill -9)
    live = tmp_path / f".tmp-m-{host}-{os.getppid()}-def"  # a concurrent build still running
    other_host = tmp_path / f".tmp-m-otherhost-{int(dead.stdout)}-ghi"  # shared cache: not ours to judge
    for d in (killed, live, other_host):
        d.mkdir()
        (d / "config.json").write_text("{}")
    assert build_atomically(dest, _write_files) == dest
    assert not killed.exists() and live.exists() and other_host.exists()


def test_existing_model_is_not_rebuilt(tmp_path):
    dest = build_atomically(tmp_path / "m", _write_files)
    mtime = (dest / "model.safetensors").stat().st_mtime_ns

    def must_not_run(out: Path) -> None:
        raise AssertionError("rebuilt a complete model")

    build_atomically(dest, must_not_run)
    assert (dest / "model.safetensors").stat().st_mtime_ns == mtime


def test_manifest_catches_truncated_and_altered_files(tmp_path):
    dest = build_atomically(tmp_path / "m", _write_files)
    (dest / "model.safetensors").write_bytes(b"\1" * 1000)
    check_manifest(dest)  # sizes match: the cheap check passes...
    with pytest.raises(ValueError, match="SHA-256"):
        check_manifest(dest, hashes=True)  # ...the full one does not
    (dest / "model.safetensors").write_bytes(b"\0" * 10)
    with pytest.raises(ValueError, match="has 10 bytes"):
        build_atomically(dest, _write_files)
    (dest / MANIFEST).unlink()
    with pytest.raises(ValueError, match="not a completed"):
        check_manifest(dest)


CRASH = """
import os, sys
from pathlib import Path
from transformers import PreTrainedTokenizerBase
from rltf.models import store, tiny, default_model

def die(*args, **kwargs):
    os._exit(9)  # the process vanishes after the weights are written, before the tokenizer
PreTrainedTokenizerBase.save_pretrained = die
tok = default_model()
store.build_atomically(Path(sys.argv[1]), lambda out: tiny.build(out, tok, tiny.TinyConfig()))
"""


@pytest.mark.slow
def test_hard_crash_mid_preparation_leaves_no_loadable_model(tmp_path):
    dest = tmp_path / "tiny"
    tiny_model()  # make sure the tokenizer source is prepared outside the child
    proc = subprocess.run([sys.executable, "-c", CRASH, str(dest)], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr[-2000:]
    assert not dest.exists()
    leftovers = list(tmp_path.iterdir())
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".tmp-tiny-")
    assert (leftovers[0] / "model.safetensors").exists()  # it really died half-way

    from rltf.models import tiny

    build_atomically(dest, lambda out: tiny.build(out, resolve_model(), tiny.TinyConfig()))
    check_manifest(dest, hashes=True)


@pytest.mark.slow
def test_default_model_is_prepared_and_intact():
    from transformers import AutoConfig, AutoTokenizer

    path = resolve_model()
    check_manifest(path, hashes=True)
    cfg = AutoConfig.from_pretrained(path)
    assert (cfg.model_type, cfg.num_hidden_layers, cfg.hidden_size, cfg.vocab_size) == (
        "llama",
        30,
        576,
        49152,
    )
    tok = AutoTokenizer.from_pretrained(path)
    text = tok.apply_chat_template(
        [{"role": "user", "content": "hi"}], tokenize=False, add_generation_prompt=True
    )
    assert text.endswith("<|im_start|>assistant\n")
    assert resolve_model("smollm2-135m") == path  # idempotent


@pytest.mark.slow
def test_tiny_model_shares_the_tokenizer_and_is_small():
    from transformers import AutoConfig

    path = tiny_model()
    check_manifest(path, hashes=True)
    assert (path / "tokenizer.json").read_bytes() == (resolve_model() / "tokenizer.json").read_bytes()
    cfg = AutoConfig.from_pretrained(path)
    assert (cfg.num_hidden_layers, cfg.hidden_size, cfg.vocab_size) == (2, 128, 49152)

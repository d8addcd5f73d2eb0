"""Child process for test_checkpoint.py: `save <root> <point>` saves iteration 1, changes the weights, and
hangs inside the save of iteration 2 at <point> (the parent kills it there); `verify <root>` resumes from
`latest` in a fresh engine and checks it against the checkpoint's own HF model, then saves again."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.update(RANK="0", WORLD_SIZE="1", LOCAL_RANK="0", MASTER_ADDR="127.0.0.1", DS_ACCELERATOR="cpu")
os.environ.setdefault("MASTER_PORT", "29651")

import deepspeed  # noqa: E402
import torch  # noqa: E402
from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: E402

from rltf.learn import checkpoint as ckpt  # noqa: E402
from rltf.learn.engine import LearnerConfig, build_engine  # noqa: E402
from rltf.learn.learner import Learner  # noqa: E402
from rltf.learn.loss import Experience  # noqa: E402
from rltf.models import tiny_model  # noqa: E402


def engine():
    deepspeed.init_distributed(dist_backend="gloo")
    model = AutoModelForCausalLM.from_pretrained(tiny_model(), dtype=torch.float32)
    return build_engine(model, LearnerConfig(precision="fp32", micro_batch_size=2, lr=1e-2), 1, 10)


def step(eng) -> None:
    Learner(eng, 2, 0).step([Experience("p", [1, 2, 3], [4, 5, 6], [1.0, -1.0, 0.5])])


def main() -> None:
    mode, root = sys.argv[1], Path(sys.argv[2])
    tok = AutoTokenizer.from_pretrained(tiny_model())
    eng = engine()
    if mode == "save":
        step(eng)
        ckpt.save_checkpoint(root, 1, eng, tok, {"iteration": 1})
        step(eng)

        def hang(*args, **kwargs):
            print("IN SAVE", flush=True)
            time.sleep(120)

        setattr(ckpt, sys.argv[3], hang)
        ckpt.save_checkpoint(root, 2, eng, tok, {"iteration": 2})
        print("save was not interrupted", flush=True)
    else:
        path = ckpt.latest_checkpoint(root)
        state = ckpt.load_checkpoint(path, eng)
        saved = AutoModelForCausalLM.from_pretrained(path / "model", dtype=torch.float32).state_dict()
        for name, p in eng.module.named_parameters():
            assert torch.equal(p.detach(), saved[name]), name
        step(eng)  # the optimizer state loaded too: stepping works
        ckpt.save_checkpoint(root, 2, eng, tok, {"iteration": 2})
        assert not list(root.glob(".tmp-*")), "temporary directories must be swept"
        print(f"VERIFIED {path.name} {state['iteration']} -> {ckpt.latest_checkpoint(root).name}", flush=True)


if __name__ == "__main__":
    main()

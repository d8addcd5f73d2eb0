"""Evaluate a model's pass@k: `python launch/eval.py [data=humaneval] [model=tiny] [rollout.n=10] [limit=20]`.

Configuration: conf/eval.yaml. Writes samples.jsonl, summary.md, pass_at_k.png and report.json to out_dir;
rerunning into the same out_dir resumes.
"""

from __future__ import annotations

from pathlib import Path

import hydra
from omegaconf import DictConfig


@hydra.main(
    config_path=str(Path(__file__).resolve().parents[1] / "conf"), config_name="eval", version_base="1.3"
)
def main(cfg: DictConfig) -> None:
    from rltf.evaluate import run_from_config

    report = run_from_config(cfg)
    print((Path(cfg.out_dir) / "summary.md").read_text())
    print(f"written to {cfg.out_dir}/ ({report.samples} samples)")


if __name__ == "__main__":
    main()

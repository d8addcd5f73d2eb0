"""Evaluate a model's pass@k: `python launch/eval.py [data=humaneval] [model=tiny] [rollout.n=10] [limit=20]`,
or greedy pass@1 on named sets: `python launch/eval.py eval_sets=humaneval_mbpp greedy=true out_dir=DIR`.

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
    from rltf.eval_sets import run_sets_from_config
    from rltf.evaluate import run_from_config

    if cfg.get("eval_sets"):
        reports = run_sets_from_config(cfg)
        for name in reports:
            print((Path(cfg.out_dir) / name / "summary.md").read_text())
        print(f"written to {cfg.out_dir}/{{{','.join(reports)}}}/")
        return
    report = run_from_config(cfg)
    print((Path(cfg.out_dir) / "summary.md").read_text())
    print(f"written to {cfg.out_dir}/ ({report.samples} samples)")


if __name__ == "__main__":
    main()

"""`python -m rltf.adapters export|serve`: data sets in a trainer's layout; OpenRLHF's reward endpoint.

    python -m rltf.adapters export --data mbpp --split train --trainer trl|verl|openrlhf --out DIR
    python -m rltf.adapters serve --host 127.0.0.1 --port 5000      # POST /get_reward for OpenRLHF

The endpoint's judge and reward settings come from the environment (RLTF_JUDGE_URL, RLTF_JUDGE_WORKERS,
RLTF_REWARD, ...; see rltf.adapters.reward.from_env), as they do for the file-loaded reward functions.
"""

from __future__ import annotations

import argparse
import sys

from rich.console import Console

from rltf.adapters.export import TRAINERS, export
from rltf.data import DATASETS, DataError, load
from rltf.data.prompts import STYLES, PromptConfig

USAGE = {
    "trl": "from rltf.adapters.trl import RLTFReward\n"
    'dataset = load_dataset("json", data_files="{file}")["train"]\n'
    "GRPOTrainer(model=..., reward_funcs=[RLTFReward()], train_dataset=dataset, ...)",
    "verl": "data.train_files={file}\n"
    "reward.custom_reward_function.path=$(python -c 'import rltf.adapters.verl as m; print(m.__file__)')\n"
    "reward.custom_reward_function.name=compute_score",
    "openrlhf": "--prompt_data {file} --input_key prompt --label_key label{chat}\n--remote_rm_url {func}",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rltf.adapters", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export", help="write a data set in a trainer's layout, with rltf labels")
    e.add_argument("--data", required=True, choices=sorted(DATASETS), help="rltf data set name")
    e.add_argument("--split", required=True)
    e.add_argument("--path", help="data file or directory (default: $RLTF_DATA_DIR, then the hub)")
    e.add_argument("--limit", type=int, help="first N problems")
    e.add_argument("--trainer", required=True, choices=TRAINERS)
    e.add_argument("--out", required=True, help="output directory")
    e.add_argument("--prompt", default="chat", choices=STYLES, help="prompt style (rltf.data.prompts)")
    s = sub.add_parser("serve", help="OpenRLHF's remote reward endpoint, POST /get_reward")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve(args.host, args.port)
    err = Console(stderr=True, soft_wrap=True)
    try:
        problems = load(args.data, args.split, args.path, limit=args.limit)
        files = export(
            problems,
            args.trainer,
            args.out,
            split=args.split,
            data=args.data,
            cfg=PromptConfig(style=args.prompt),
        )
    except (DataError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        return 1
    print(f"wrote {len(problems)} problems: {', '.join(map(str, files))}")
    print(
        f"{args.trainer}: add\n"
        + USAGE[args.trainer].format(
            file=files[0], func=files[-1], chat=" --apply_chat_template" if args.prompt == "chat" else ""
        )
    )
    return 0


def serve(host: str, port: int) -> int:
    import uvicorn

    from rltf.adapters.reward import from_env
    from rltf.adapters.server import create_app

    rewarder = from_env()
    try:
        uvicorn.run(create_app(rewarder), host=host, port=port)
    finally:
        rewarder.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

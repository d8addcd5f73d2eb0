"""OpenRLHF: the `--remote_rm_url reward_func.py` file and the `/get_reward` endpoint, called as OpenRLHF calls
them; with the real package's rollout executor where openrlhf imports (it does not install here: flash-attn)."""

from __future__ import annotations

import importlib.util
import json
import threading
import time
from types import SimpleNamespace

import httpx
import pytest
import uvicorn

from rltf.adapters import Rewarder
from rltf.adapters.export import export
from rltf.adapters.openrlhf import response_of
from rltf.adapters.server import create_app
from rltf.data import load
from rltf.data.prompts import PromptConfig
from tests.adapters.conftest import ADD, BROKEN, GOOD, PARTIAL, FailsOn
from tests.sandbox.judge_daemon import free_port

PROMPT = "<|im_start|>user\nWrite add(a, b).<|im_end|>\n<|im_start|>assistant\n"


def load_reward_func(path):
    """As OpenRLHF does with a `--remote_rm_url` ending in .py."""
    spec = importlib.util.spec_from_file_location("reward_func", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.reward_func


def test_response_is_found_after_the_prompt_without_trailing_special_tokens():
    assert response_of(PROMPT + GOOD + "<|im_end|>", PROMPT, "row 0") == GOOD
    assert response_of("<s>" + PROMPT + "x = 1\n</s>", PROMPT, "row 0") == "x = 1"
    with pytest.raises(ValueError, match="row 3: the query does not contain its prompt"):
        response_of("something else", PROMPT, "row 3")


def test_exported_reward_func_returns_tensors(tmp_path, shared_rewarder):
    import torch

    files = export(
        load("embedded", "train", limit=1), "openrlhf", tmp_path, split="train", data="e", cfg=PromptConfig()
    )
    reward_func = load_reward_func(files[-1])
    queries = [PROMPT + c + "<|im_end|>" for c in (GOOD, PARTIAL, BROKEN)]
    out = reward_func(queries, [PROMPT] * 3, [ADD.to_json()] * 3)
    assert set(out) == {"rewards", "scores", "extra_logs"}
    assert isinstance(out["rewards"], torch.Tensor) and out["rewards"].tolist() == pytest.approx(
        [1.0, -0.3 + 1.3 / 3, -1.0]
    )
    assert out["scores"].tolist() == pytest.approx(
        [1.0, (1.0 + (-0.3 + 1.3 / 3)) / 2, 0.0]
    )  # [-1, 1] -> [0, 1]
    assert out["extra_logs"]["rltf/syntax_error"].tolist() == [0.0, 0.0, 1.0]


class Endpoint:
    """`create_app` under uvicorn on a free 127.0.0.1 port, in a thread of this process."""

    def __init__(self, rewarder: Rewarder):
        self.url = f"http://127.0.0.1:{free_port()}"
        port = int(self.url.rsplit(":", 1)[1])
        config = uvicorn.Config(create_app(rewarder), host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Endpoint:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "reward endpoint did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def post(url: str, queries, labels, prompts=None):
    body = {"query": queries, "prompts": prompts or [PROMPT] * len(queries), "labels": labels}
    return httpx.post(url + "/get_reward", json=body, timeout=60)


def test_endpoint_answers_openrlhf_payloads(rewarder):
    with Endpoint(rewarder) as ep:
        r = post(ep.url, [PROMPT + GOOD + "<|im_end|>", PROMPT + BROKEN], [ADD.to_json()] * 2)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["rewards"] == [1.0, -1.0] and body["scores"] == [1.0, 0.0]
        assert body["extra_logs"]["rltf/pass"] == [1.0, 0.0]
        bad = post(ep.url, [PROMPT + GOOD] * 2, [ADD.to_json(), '{"id": "p2", "tests": {"format": "call"}}'])
        assert (
            bad.status_code == 422
            and "row 1 (id 'p2'): call-format tests need fn_name" in bad.json()["detail"]
        )


def test_endpoint_answers_503_when_the_judge_fails_on_a_program(judge):
    with Endpoint(Rewarder(FailsOn(judge, lambda job: True))) as ep:
        r = post(ep.url, [PROMPT + GOOD], [ADD.to_json()])
        assert r.status_code == 503 and "internal_error" in r.json()["detail"]
    with Endpoint(Rewarder(FailsOn(judge, lambda job: True), missing_reward=0.0)) as ep:
        body = post(ep.url, [PROMPT + GOOD], [ADD.to_json()]).json()
        assert body["rewards"] == [0.0] and body["extra_logs"]["rltf/judge_failed"] == [1.0]


# -- the real package --------------------------------------------------------------------------------------


class Engine:
    """Stands in for OpenRLHF's vLLM engine (vLLM is not run in tests): always answers `text` + EOS."""

    def __init__(self, tokenizer, text: str):
        self.ids = tokenizer(text, add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]

    async def generate(self, prompt_token_ids, params, multi_modal_data=None):
        out = SimpleNamespace(token_ids=self.ids, finish_reason="stop", logprobs=None)
        return SimpleNamespace(outputs=[out])


@pytest.mark.slow
def test_real_openrlhf_rollout_executor_with_file_and_endpoint(tmp_path, shared_rewarder, rewarder):
    pytest.importorskip("openrlhf", reason="openrlhf is not installed (needs flash-attn; see README)")
    import asyncio

    from openrlhf.utils.agent import SingleTurnAgentExecutor
    from transformers import AutoTokenizer

    from rltf.models import tiny_model

    problem = load("embedded", "train", limit=1)[0]
    files = export([problem], "openrlhf", tmp_path, split="train", data="e", cfg=PromptConfig())
    row = json.loads(files[0].read_text())
    tokenizer = AutoTokenizer.from_pretrained(tiny_model())
    prompt = tokenizer.apply_chat_template(row["prompt"], tokenize=False, add_generation_prompt=True)
    params = SimpleNamespace(max_tokens=64, logprobs=None)
    solution = f"```python\n{problem.solutions[0]}\n```"

    def run(url: str) -> dict:
        executor = SingleTurnAgentExecutor(url)
        engine = Engine(tokenizer, solution)
        return asyncio.run(executor.execute(prompt, row["label"], params, 512, tokenizer, engine))

    from_file = run(str(files[-1]))
    assert from_file["reward"].tolist() == [1.0] and from_file["extra_logs"]["rltf/pass"].tolist() == [1.0]
    with Endpoint(rewarder) as ep:
        over_http = run(ep.url + "/get_reward")
    assert over_http["reward"] == [1.0] and over_http["scores"] == [1.0]


def test_serve_command_answers_on_loopback(tmp_path):
    """`python -m rltf.adapters serve` as a real process, configured by the environment."""
    import os
    import subprocess
    import sys

    port = free_port()
    env = {**os.environ, "RLTF_JUDGE_WORKERS": "1", "RLTF_REWARD": '{"adaptive": false}'}
    cmd = [sys.executable, "-m", "rltf.adapters", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with open(tmp_path / "serve.log", "w") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        body = post(url, [PROMPT + PARTIAL], [ADD.to_json()]).json()
        assert body["rewards"] == [-0.3]  # RLTF_REWARD chose the coarse reward
    finally:
        proc.terminate()
        proc.wait(timeout=30)

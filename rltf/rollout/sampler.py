"""Batched sampling from the current policy with vLLM's in-process engine, and hot weight updates.

    sampler = Sampler(resolve_model("smollm2-135m"), RolloutConfig(n=4))
    for s in sampler.generate(problems):        # Samples stream out as each sequence finishes
        ...
    sampler.update_weights(model.named_parameters())   # HF names; streamed in buckets, in the engine's dtype

The engine runs in this process (`VLLM_ENABLE_V1_MULTIPROCESSING=0`, one "uni" worker): it starts in seconds,
decodes faster on few cores, and lets weight tensors reach the worker as live objects instead of copies.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import torch

from rltf.data.prompts import Prompt, PromptConfig, build_prompt
from rltf.data.schema import Problem
from rltf.hardware import resolve_dtype
from rltf.rollout.config import RolloutConfig
from rltf.rollout.sample import Sample

EXTENSION = "rltf.rollout.extension.WeightSync"


@dataclass
class UpdateStats:
    tensors: int
    bytes: int
    buckets: int
    seconds: float


class Sampler:
    def __init__(
        self, model: str | Path, cfg: RolloutConfig | None = None, prompt: PromptConfig | None = None
    ):
        """`prompt` (conf/data/prompt) styles the prompts; their token limit is rollout.max_prompt_tokens, the
        one setting that also sizes the engine's context (max_prompt_tokens + max_new_tokens)."""
        self.cfg = cfg = cfg or RolloutConfig()
        self.prompt_cfg = dataclasses.replace(prompt or PromptConfig(), max_tokens=cfg.max_prompt_tokens)
        # Read by vLLM when the engine is built, so they must be set before LLM().
        os.environ["VLLM_ENABLE_V1_MULTIPROCESSING"] = "0"
        os.environ["VLLM_CPU_KVCACHE_SPACE"] = str(cfg.kv_cache_gb)
        engine_log_level(cfg.engine_log_level)
        from vllm import LLM

        from rltf.rollout.nucleus import NucleusTopP, use_fast_top_p

        extra = {"gpu_memory_utilization": cfg.gpu_memory_utilization} if torch.cuda.is_available() else {}
        # vLLM's in-process CPU worker replaces torch.set_num_threads with a no-op for the whole process; the
        # learner beside it must still be able to use every core, so the original is put back.
        set_num_threads, threads = torch.set_num_threads, torch.get_num_threads()
        self.dtype = resolve_dtype(cfg.dtype, "vllm")
        # Sampled requests get their top-p from NucleusTopP instead of vLLM's full-vocabulary sort. Setting
        # this False later switches a running Sampler to vLLM's top-p (the processor then idles).
        self.fast_top_p = use_fast_top_p(cfg.fast_top_p)
        with quiet_loader(cfg.engine_log_level):
            self.llm = LLM(
                model=str(model),
                dtype=self.dtype,
                seed=cfg.seed,
                enforce_eager=cfg.enforce_eager,
                max_model_len=cfg.max_prompt_tokens + cfg.max_new_tokens,
                max_num_seqs=cfg.max_num_seqs,
                distributed_executor_backend="uni",
                worker_extension_cls=EXTENSION,
                logits_processors=[NucleusTopP] if self.fast_top_p else None,
                **extra,
            )
        torch.set_num_threads = set_num_threads
        torch.set_num_threads(threads)
        self.tokenizer = self.llm.get_tokenizer()
        self.torch_dtype: torch.dtype = self.llm.llm_engine.model_config.dtype  # what the engine computes in

    # -- prompts ------------------------------------------------------------------------------------------
    def prompt(self, problem: Problem) -> Prompt:
        """rltf.data's prompt, its statement shortened to fit max_prompt_tokens."""
        return build_prompt(problem, self.tokenizer, self.prompt_cfg)

    def prompt_ids(self, problem: Problem) -> list[int]:
        # The chat template has already written the special tokens into the text.
        return self.tokenizer.encode(self.prompt(problem).text, add_special_tokens=False)

    # -- sampling -----------------------------------------------------------------------------------------
    def generate(
        self,
        problems: Sequence[Problem],
        n: int | None = None,
        greedy: bool | None = None,
        max_new_tokens: int | None = None,
        temperature: float | None = None,
    ) -> Iterator[Sample]:
        """Yield `n` sampled (and optionally one greedy) Samples per problem, each as soon as it finishes.

        Arguments left as None take their value from the config. Finish order is not problem order: group by
        `Sample.problem_id`. Consume the iterator fully before calling anything else on the sampler.
        """
        from vllm import SamplingParams

        from rltf.rollout.nucleus import top_p_params

        cfg = self.cfg
        n = cfg.n if n is None else n
        greedy = cfg.greedy if greedy is None else greedy
        max_tokens = max_new_tokens or cfg.max_new_tokens
        temp = cfg.temperature if temperature is None else temperature
        top_p = top_p_params(cfg.top_p, self.fast_top_p)
        sampled = SamplingParams(temperature=temp, max_tokens=max_tokens, logprobs=0, **top_p)
        argmax = SamplingParams(temperature=0.0, max_tokens=max_tokens, logprobs=0)

        # One request per sample (not n per request) so each sample is handed on the moment it finishes;
        # vLLM's prefix cache still computes each prompt once.
        prompts, params, meta = [], [], []
        for p in problems:
            prompt = self.prompt(p)
            ids = self.tokenizer.encode(prompt.text, add_special_tokens=False)  # template wrote the specials
            for is_greedy in [True] * greedy + [False] * n:
                prompts.append({"prompt_token_ids": ids})
                params.append(argmax if is_greedy else sampled)
                meta.append((p.id, ids, is_greedy, prompt.code_prefix))
        if not prompts:
            return
        # enqueue returns vLLM's internal ids ("<id>-<8 random chars>"); outputs carry the plain "<id>".
        request_ids = [r.rsplit("-", 1)[0] for r in self.llm.enqueue(prompts, params, use_tqdm=False)]
        by_request = dict(zip(request_ids, meta, strict=True))
        engine = self.llm.llm_engine
        while engine.has_unfinished_requests():
            for out in engine.step():
                if not out.finished or out.request_id not in by_request:
                    continue
                problem_id, ids, is_greedy, code_prefix = by_request.pop(out.request_id)
                c = out.outputs[0]
                yield Sample(
                    problem_id=problem_id,
                    prompt_ids=list(ids),
                    token_ids=list(c.token_ids),
                    logprobs=[lp[t].logprob for t, lp in zip(c.token_ids, c.logprobs, strict=True)],
                    text=c.text,
                    finish_reason=c.finish_reason or "length",
                    greedy=is_greedy,
                    code_prefix=code_prefix,
                )

    def sample(self, problems: Sequence[Problem], **kwargs) -> list[Sample]:
        """`generate` collected, in problem order (greedy sample first within a problem)."""
        order = {p.id: i for i, p in enumerate(problems)}
        return sorted(self.generate(problems, **kwargs), key=lambda s: (order[s.problem_id], not s.greedy))

    def greedy_ids(self, prompt_ids: list[int], max_new_tokens: int = 16) -> list[int]:
        """Greedy continuation of raw token ids: a cheap probe of which weights the engine is running."""
        from vllm import SamplingParams

        out = self.llm.generate(
            [{"prompt_token_ids": prompt_ids}],
            SamplingParams(temperature=0.0, max_tokens=max_new_tokens),
            use_tqdm=False,
        )
        return list(out[0].outputs[0].token_ids)

    # -- weights ------------------------------------------------------------------------------------------
    def update_weights(
        self,
        named_tensors: Iterable[tuple[str, torch.Tensor]],
        bucket_mb: int = 64,
        verify: bool = True,
    ) -> UpdateStats:
        """Load new weights (HF parameter names, any dtype, any order) into the running engine.

        Tensors are consumed lazily, cast to the engine's dtype (a bf16 engine gets half the bytes of the
        learner's fp32 master weights, and no per-tensor dtype warning), and sent in buckets of about
        `bucket_mb` (learner.bucket_mb), so a ZeRO-3 learner can gather one module at a time and release it
        after its bucket is sent. With `verify`, raise if any engine parameter received no new tensor (a
        forgotten or misnamed parameter would otherwise leave stale weights running silently). Clears the
        prefix cache: cached keys/values belong to the old weights.
        """
        limit = bucket_mb << 20  # 0: one tensor per bucket
        start = time.perf_counter()
        tensors = size = buckets = 0
        bucket: list[tuple[str, torch.Tensor]] = []
        bucket_bytes = 0
        self.llm.collective_rpc("rltf_begin_reload")
        for name, tensor in named_tensors:
            t = tensor.detach().to(self.torch_dtype)
            bucket.append((name, t))
            bucket_bytes += t.numel() * t.element_size()
            if bucket_bytes >= limit:
                self.llm.collective_rpc("rltf_load", args=(bucket,))
                tensors, size, buckets = tensors + len(bucket), size + bucket_bytes, buckets + 1
                bucket, bucket_bytes = [], 0
        if bucket:
            self.llm.collective_rpc("rltf_load", args=(bucket,))
            tensors, size, buckets = tensors + len(bucket), size + bucket_bytes, buckets + 1
        missing = self.llm.collective_rpc("rltf_finish_reload")[0]
        self.llm.reset_prefix_cache()
        if verify and missing:
            raise ValueError(f"weight update left {len(missing)} engine parameters stale, e.g. {missing[:5]}")
        return UpdateStats(tensors, size, buckets, time.perf_counter() - start)


def engine_log_level(level: str) -> None:
    """vLLM's own logging at `level` (rollout.engine_log_level): at `error` a person sees rltf's progress, not
    the engine's start-up details and per-tensor loader notes. The environment variable covers a vLLM not yet
    imported (or configuring its logging again), the logger level one already imported."""
    os.environ["VLLM_LOGGING_LEVEL"] = level.upper()
    logging.getLogger("vllm").setLevel(level.upper())


# vLLM's weight loader warns once per tensor whose dtype differs from the engine's; a float32 checkpoint loaded
# into a bf16 engine is the intended narrowing, not a fault (270 lines for SmolLM2-135M at start-up).
LOADER_LOGGER = "vllm.model_executor.models.utils"


def _not_a_dtype_note(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("Attempted to load weight")


@contextlib.contextmanager
def quiet_loader(level: str):
    """While the engine loads its checkpoint, keep the loader's per-tensor dtype notes out of the log, unless
    `level` is debug. A filter, not a level: vLLM re-configures its loggers (and their levels) as it starts."""
    logger = logging.getLogger(LOADER_LOGGER)
    if level.upper() == "DEBUG":
        yield
        return
    logger.addFilter(_not_a_dtype_note)
    try:
        yield
    finally:
        logger.removeFilter(_not_a_dtype_note)

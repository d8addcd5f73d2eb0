"""DeepSpeed engine set-up from the `learner` config group (ZeRO-2/3, offload, precision, AdamW, lr schedule).

The optimizer is torch's AdamW handed to `deepspeed.initialize`: DeepSpeed's fused Adam would JIT-build a
C++ extension on first use (~46 s on our CPUs) for no gain at this scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from rltf.hardware import resolve_dtype

PRECISIONS = ("auto", "bf16", "fp16", "fp32")  # auto: bf16 where the hardware computes it natively, else fp32


@dataclass
class LearnerConfig:
    zero_stage: int = 2
    precision: str = "auto"
    offload_optimizer: bool = False
    offload_params: bool = False  # ZeRO-3 only
    # Completions per micro-batch (one prompt's; with share_prompt one packed sequence).
    micro_batch_size: int = 12
    # Tokens one micro-batch's forward may compute (prompt once + completions when packed; rows x longest row
    # when not): activations grow with it (bf16 forward + backward of the default model, peak RSS: 7.3 GB at
    # 800 + 6 x 512, 11.6 GB at 800 + 12 x 512). null: no bound beyond micro_batch_size.
    micro_batch_tokens: int | None = 4096
    lr: float = 1e-5
    weight_decay: float = 0.05
    betas: list[float] = field(default_factory=lambda: [0.9, 0.999])
    warmup_steps: int = 0
    schedule: str = "constant"  # constant | cosine (after warm-up)
    min_lr_ratio: float = 0.1  # cosine floor
    grad_clip: float = 1.0
    gradient_checkpointing: bool = False
    # Each micro-batch one packed sequence holding its prompt once (rltf/learn/shared_prefix.py): same loss and
    # gradients, the prompt's cost paid once instead of once per completion. false: the prompt repeated per row.
    share_prompt: bool = True
    bucket_mb: int = 64  # weight streaming to the sampler, and ZeRO-3 gathers
    threads: int | None = (
        None  # torch threads of this rank; null: OMP_NUM_THREADS if set, else its share of cores
    )

    def __post_init__(self) -> None:
        if self.zero_stage not in (0, 1, 2, 3):
            raise ValueError(f"learner.zero_stage must be 0-3, got {self.zero_stage}")
        if self.precision not in PRECISIONS:
            raise ValueError(f"learner.precision must be one of {PRECISIONS}, got {self.precision!r}")
        if self.schedule not in ("constant", "cosine"):
            raise ValueError(f"learner.schedule must be constant or cosine, got {self.schedule!r}")
        if self.offload_params and self.zero_stage != 3:
            raise ValueError("learner.offload_params needs learner.zero_stage=3")
        if self.micro_batch_size < 1:
            raise ValueError(f"learner.micro_batch_size must be >= 1, got {self.micro_batch_size}")
        if self.micro_batch_tokens is not None and self.micro_batch_tokens < 1:
            raise ValueError(
                f"learner.micro_batch_tokens must be >= 1 or null, got {self.micro_batch_tokens}"
            )


def ds_config(cfg: LearnerConfig, world_size: int, grad_accum: int = 1) -> dict:
    """The DeepSpeed JSON config this learner config means (precision auto resolved for this machine).
    `grad_accum` (micro-batches per optimizer step) is derived by the trainer from the samples per step."""
    precision = resolve_dtype(cfg.precision, "learner")
    zero: dict = {"stage": cfg.zero_stage, "stage3_gather_16bit_weights_on_model_save": cfg.zero_stage == 3}
    if cfg.offload_optimizer:
        zero["offload_optimizer"] = {"device": "cpu"}
    if cfg.offload_params:
        zero["offload_param"] = {"device": "cpu"}
    return {
        "train_micro_batch_size_per_gpu": cfg.micro_batch_size,
        "gradient_accumulation_steps": grad_accum,
        "train_batch_size": cfg.micro_batch_size * grad_accum * world_size,
        "gradient_clipping": cfg.grad_clip,
        "bf16": {"enabled": precision == "bf16"},
        "fp16": {"enabled": precision == "fp16"},
        "zero_optimization": zero,
        "zero_allow_untested_optimizer": True,
        "zero_force_ds_cpu_optimizer": False,  # keep torch AdamW even with offload (no JIT build)
        "steps_per_print": 10**9,
        "wall_clock_breakdown": False,
    }


def lr_scheduler(optimizer: torch.optim.Optimizer, cfg: LearnerConfig, total_steps: int):
    """transformers' linear warm-up, then constant or cosine down to `min_lr_ratio` at the last step.

    transformers' warm-up gives step 0 a learning rate of 0; here every step costs a whole rollout, so the
    schedule starts at its step 1 (`last_epoch=0`): the first step runs at lr / warmup_steps.
    """
    from transformers import get_constant_schedule_with_warmup, get_cosine_with_min_lr_schedule_with_warmup

    for group in optimizer.param_groups:
        group.setdefault("initial_lr", group["lr"])  # what a scheduler that does not start at -1 reads
    if cfg.schedule == "constant":
        return get_constant_schedule_with_warmup(optimizer, cfg.warmup_steps, last_epoch=0)
    return get_cosine_with_min_lr_schedule_with_warmup(
        optimizer, cfg.warmup_steps, total_steps, min_lr_rate=cfg.min_lr_ratio, last_epoch=0
    )


def build_engine(
    model: torch.nn.Module, cfg: LearnerConfig, world_size: int, total_steps: int, grad_accum: int = 1
):
    """Wrap `model` in a DeepSpeed engine with torch AdamW and the warm-up schedule."""
    import deepspeed

    if cfg.gradient_checkpointing:
        model.gradient_checkpointing_enable()
    decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim < 2]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.lr,
        betas=tuple(cfg.betas),
    )
    engine, _, _, _ = deepspeed.initialize(
        model=model,
        optimizer=optimizer,
        lr_scheduler=lr_scheduler(optimizer, cfg, total_steps),
        config=ds_config(cfg, world_size, grad_accum),
    )
    return engine

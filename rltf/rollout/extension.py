"""Worker extension that streams new weights into a running vLLM engine (no restart, no checkpoint on disk).

vLLM mixes this class into its worker (`LLM(worker_extension_cls=...)`); the sampler calls its methods with
`llm.collective_rpc`. A reload is a session: `begin`, any number of `load` calls with HF-named tensors (one
bucket each), then `finish`. vLLM's layerwise reload processes (and, on CPU, re-packs) each layer as soon as
all of its tensors have arrived, so a bucket may split a layer's tensors and the learner never has to
materialise the whole model at once. This is the route of `model_runner.reload_weights(weights_iterator=...,
is_checkpoint_format=True)`, opened up so one reload can span several buckets.
"""

from __future__ import annotations

import torch
from vllm.config import set_current_vllm_config
from vllm.model_executor.model_loader.reload.layerwise import (
    finalize_layerwise_reload,
    initialize_layerwise_reload,
)


class WeightSync:
    """Methods run inside each vLLM worker; `self` is the worker (it has `model_runner`, `vllm_config`)."""

    def rltf_begin_reload(self) -> None:
        model = self.model_runner.get_model()
        self._rltf_expected = {name for name, _ in model.named_parameters()}
        self._rltf_loaded: set[str] = set()
        with set_current_vllm_config(self.vllm_config):
            initialize_layerwise_reload(model)

    def rltf_load(self, weights: list[tuple[str, torch.Tensor]]) -> int:
        """Load one bucket of HF-named tensors; returns how many vLLM parameters it touched."""
        with set_current_vllm_config(self.vllm_config):
            loaded = self.model_runner.get_model().load_weights(iter(weights))
        self._rltf_loaded |= set(loaded)
        return len(loaded)

    def rltf_finish_reload(self) -> list[str]:
        """Process layers that are still pending; return the vLLM parameters that received no new tensor."""
        model = self.model_runner.get_model()
        with set_current_vllm_config(self.vllm_config):
            finalize_layerwise_reload(model, self.vllm_config.model_config)
        self.model_runner.reset_encoder_cache()
        return sorted(self._rltf_expected - self._rltf_loaded)

"""dtype auto and thread counts: decided from what the machine reports, explicit values always win."""

from __future__ import annotations

import pytest

from rltf import hardware
from rltf.hardware import bf16_support, cpu_description, rank_threads, resolve_dtype

EPYC = "processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu sse2 avx avx2 fma\n\nprocessor\t: 1\n"
XEON = (
    "model name\t: Intel(R) Xeon(R) Platinum 8481C\nflags\t\t: avx2 avx512f avx512_bf16 amx_bf16 amx_tile\n"
)


def test_cpu_description_reads_the_first_cpu():
    assert cpu_description(EPYC) == ("AMD EPYC 7B13", {"fpu", "sse2", "avx", "avx2", "fma"})
    assert cpu_description("") == ("unknown CPU", set())


def test_auto_is_float32_without_native_bf16_and_bf16_with_it(caplog):
    avx2 = bf16_support(EPYC, cuda=False)
    amx = bf16_support(XEON, cuda=False)
    assert not avx2.native and "AMD EPYC 7B13" in avx2.reason and "emulated" in avx2.reason
    assert amx.native and "amx_bf16" in amx.reason and "avx512_bf16" in amx.reason
    with caplog.at_level("INFO", logger="rltf.hardware"):
        assert resolve_dtype("auto", "vllm", avx2) == "float32"
        assert resolve_dtype("auto", "learner", avx2) == "fp32"
        assert resolve_dtype("auto", "vllm", amx) == "bfloat16"
        assert resolve_dtype("auto", "learner", amx) == "bf16"
    assert "vllm dtype auto -> float32 (CPU 'AMD EPYC 7B13' has neither" in caplog.text  # said at start-up


@pytest.mark.parametrize("explicit", ["bfloat16", "float32", "bf16", "fp16"])
def test_explicit_dtype_wins(explicit):
    assert resolve_dtype(explicit, "vllm", bf16_support(EPYC, cuda=False)) == explicit


def test_this_machine_is_described():
    s = hardware.bf16_support()
    assert s.reason and isinstance(s.native, bool)


def test_rank_threads(monkeypatch):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.delenv("LOCAL_WORLD_SIZE", raising=False)
    monkeypatch.setattr(hardware.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    assert rank_threads() == 4
    monkeypatch.setenv("LOCAL_WORLD_SIZE", "2")
    assert rank_threads() == 2
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert rank_threads() == 1
    assert rank_threads(3) == 3

"""vLLM's own logging: held at rollout.engine_log_level, and the loader's per-tensor dtype notes kept out of the
start-up log unless debugging (no engine is started here: the log records are what vLLM's loader emits)."""

from __future__ import annotations

import logging
import os

from rltf.rollout.sampler import LOADER_LOGGER, engine_log_level, quiet_loader


def loader_record(msg: str) -> logging.LogRecord:
    return logging.getLogger(LOADER_LOGGER).makeRecord(LOADER_LOGGER, logging.WARNING, "utils.py", 333, msg, (), None)


def test_quiet_loader_drops_only_dtype_notes_and_only_while_loading():
    logger = logging.getLogger(LOADER_LOGGER)
    note = loader_record("Attempted to load weight %s with dtype %s into parameter with dtype %s")
    other = loader_record("Some other loader warning")
    with quiet_loader("warning"):
        assert not logger.filter(note) and logger.filter(other)
    assert logger.filter(note)  # after start-up a reload's notes would show (update_weights casts: none come)
    with quiet_loader("debug"):
        assert logger.filter(note)


def test_engine_log_level_sets_vllms_logger_and_environment(monkeypatch):
    monkeypatch.setenv("VLLM_LOGGING_LEVEL", "ERROR")  # whatever engine_log_level sets is undone after the test
    vllm_logger = logging.getLogger("vllm")
    before = vllm_logger.level
    try:
        engine_log_level("warning")
        assert os.environ["VLLM_LOGGING_LEVEL"] == "WARNING" and vllm_logger.level == logging.WARNING
    finally:
        vllm_logger.setLevel(before)

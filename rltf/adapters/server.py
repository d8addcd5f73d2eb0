"""OpenRLHF's remote reward endpoint: `POST /get_reward` {"query", "prompts", "labels"} ->
{"rewards", "scores", "extra_logs"}, served by `python -m rltf.adapters serve`.

The endpoint is a plain `def`: FastAPI runs it on its thread pool, so concurrent requests (OpenRLHF sends
one per sample or per shard) are judged side by side by the one judge pool. Status codes: 422 for a
malformed request or label (the detail names the row), 503 when the judge gave no verdict or failed on a
program itself (OpenRLHF retries a few times, then stops with an error; a retry re-judges the program).
"""

from __future__ import annotations

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

from rltf.adapters.labels import LabelError
from rltf.adapters.openrlhf import rewards
from rltf.adapters.reward import JudgeUnavailable, Rewarder
from rltf.feedback import JudgeFailed


class RewardRequest(BaseModel):
    query: list[str] = Field(description="prompt + response per sample, as OpenRLHF decodes them")
    prompts: list[str] = Field(description="the prompt of each sample")
    labels: list[str] = Field(description="rltf labels (JSON strings, see rltf.adapters.labels)")


class RewardResponse(BaseModel):
    rewards: list[float] = Field(description="RLTF reward per sample")
    scores: list[float] = Field(description="the reward rescaled to [0, 1], for dynamic filtering")
    extra_logs: dict[str, list[float]] = Field(description="verdict details per sample")


def create_app(rewarder: Rewarder) -> FastAPI:
    app = FastAPI(title="rltf reward", description=__doc__)

    @app.post("/get_reward", response_model=RewardResponse)
    def get_reward(req: RewardRequest) -> dict:
        try:
            return rewards(rewarder, req.query, req.prompts, req.labels)
        except LabelError as e:
            raise HTTPException(422, str(e)) from None
        except (JudgeUnavailable, JudgeFailed) as e:
            raise HTTPException(503, str(e)) from None

    @app.get("/healthz")
    def healthz() -> dict:
        return {"status": "ok"}

    return app

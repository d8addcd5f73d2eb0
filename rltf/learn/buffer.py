"""The online FIFO buffer between scoring and the learner.

The original RLTF kept 6,400 samples and reused them until evicted; rltf defaults to on-policy (every
sample used exactly once, the buffer empties each iteration). `max_uses > 1` and a larger `capacity` give
the original's off-policy reuse.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field

from rltf.learn.loss import Experience


@dataclass
class Buffer:
    capacity: int = 4096
    max_uses: int = 1
    items: deque[Experience] = field(default_factory=deque)

    def __post_init__(self) -> None:
        if self.capacity < 1 or self.max_uses < 1:
            raise ValueError(
                f"trainer.buffer: capacity and max_uses must be >= 1, got {self.capacity}, {self.max_uses}"
            )

    def __len__(self) -> int:
        return len(self.items)

    def push(self, exps: list[Experience]) -> int:
        """Append; evict the oldest beyond capacity. Returns how many were evicted."""
        self.items.extend(exps)
        evicted = 0
        while len(self.items) > self.capacity:
            self.items.popleft()
            evicted += 1
        return evicted

    def take(self, n: int, rng: random.Random) -> list[Experience]:
        """Draw up to n samples (uniformly when reuse is allowed, oldest first when on-policy); used-up ones leave."""
        pool = list(self.items)
        chosen = pool[:n] if self.max_uses == 1 else rng.sample(pool, min(n, len(pool)))
        for e in chosen:
            e.uses += 1
        self.items = deque(e for e in self.items if e.uses < self.max_uses)
        return chosen

    def state_dict(self) -> dict:
        return {"capacity": self.capacity, "max_uses": self.max_uses, "items": list(self.items)}

    def load_state_dict(self, state: dict) -> None:
        self.capacity, self.max_uses = state["capacity"], state["max_uses"]
        self.items = deque(state["items"])

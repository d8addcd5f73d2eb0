"""Warn once per kind of odd event. A run that meets a thousand bad samples, or a judge that died, logs one
line per kind and counts the rest in metrics.jsonl; a flooded log hides the first, useful line."""

from __future__ import annotations

import logging

_seen: set[tuple[str, str]] = set()


def warn_once(log: logging.Logger, kind: str, message: str) -> None:
    """Log `message` as a warning the first time `kind` is seen by `log` in this process."""
    if (log.name, kind) not in _seen:
        _seen.add((log.name, kind))
        log.warning("%s (further ones of this kind are counted, not logged)", message)

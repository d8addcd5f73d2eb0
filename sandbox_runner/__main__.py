"""`python -m sandbox_runner serve`: the judge as an HTTP daemon (see server.py for the endpoints)."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import signal
import sys
from pathlib import Path

from sandbox_runner.server import ServerSettings

TOKEN_ENV = "RLTF_JUDGE_TOKEN"
log = logging.getLogger("sandbox_runner")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    defaults = ServerSettings()
    p = argparse.ArgumentParser(prog="python -m sandbox_runner", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser(
        "serve", help="serve /v1/judge, /run_code, datasets, /healthz, /metrics, /docs over HTTP"
    )
    s.add_argument("--host", default="127.0.0.1", help="bind address (default: loopback only)")
    s.add_argument("--port", type=int, default=8080)
    s.add_argument("--workers", type=int, default=None, help="judge worker processes (default: one per core)")
    s.add_argument(
        "--token-file",
        type=Path,
        help=f"file holding the bearer token clients must send (default: ${TOKEN_ENV} if set, else no auth)",
    )
    s.add_argument(
        "--queue-limit",
        type=int,
        default=defaults.queue_limit,
        help="programs queued or running at once; beyond it requests get 429 + Retry-After",
    )
    s.add_argument(
        "--max-body-mb",
        type=float,
        default=defaults.max_body_bytes / 2**20,
        help="largest request body; larger ones get 413",
    )
    s.add_argument("--retry-after", type=int, default=defaults.retry_after_s, help="seconds sent with a 429")
    s.add_argument(
        "--max-time-s",
        type=float,
        default=defaults.max_time_s,
        help="largest per-test time limit a request may ask for",
    )
    s.add_argument(
        "--max-memory-mb",
        type=int,
        default=defaults.max_memory_mb,
        help="largest per-test memory limit a request may ask for",
    )
    s.add_argument(
        "--max-output-mb",
        type=float,
        default=defaults.max_output_bytes / 2**20,
        help="largest output limit (per stream) a request may ask for",
    )
    s.add_argument(
        "--max-tests",
        type=int,
        default=defaults.max_tests,
        help="most tests in one /v1/judge request; larger ones get 413",
    )
    s.add_argument(
        "--shutdown-timeout",
        type=int,
        default=None,
        help="on SIGTERM, seconds to let requests in flight finish (default: as long as they take)",
    )
    s.add_argument(
        "--data-dir",
        type=Path,
        default=defaults.data_dir,
        help="benchmarks served by /list_datasets, /get_prompts, /submit, ... (default: $RLTF_DATA_DIR)",
    )
    s.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    return p.parse_args(argv)


def read_token(token_file: Path | None) -> str | None:
    """The bearer token from --token-file, else from $RLTF_JUDGE_TOKEN; None means no auth."""
    if token_file is not None:
        token = token_file.read_text().strip()
        if not token:
            raise SystemExit(f"--token-file {token_file} is empty")
        return token
    return os.environ.get(TOKEN_ENV) or None


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def serve(args: argparse.Namespace) -> None:
    import uvicorn

    from sandbox_runner.local import LocalJudge
    from sandbox_runner.server import create_app

    settings = ServerSettings(
        queue_limit=args.queue_limit,
        max_body_bytes=int(args.max_body_mb * 2**20),
        retry_after_s=args.retry_after,
        max_time_s=args.max_time_s,
        max_memory_mb=args.max_memory_mb,
        max_output_bytes=int(args.max_output_mb * 2**20),
        max_tests=args.max_tests,
        token=read_token(args.token_file),
        data_dir=args.data_dir,
    )
    if settings.token is None and not is_loopback(args.host):
        log.warning("serving on %s WITHOUT a token: anyone who can reach it can run code here", args.host)
    # Uvicorn drains the requests in flight on SIGTERM, then raises the signal again with this handler back in
    # place: the exit then runs `finally` below (workers stopped) and ends with status 0.
    signal.signal(signal.SIGTERM, _exit_cleanly)
    judge = LocalJudge(workers=args.workers)
    try:
        uvicorn.run(
            create_app(judge, settings),
            host=args.host,
            port=args.port,
            log_level=args.log_level,
            timeout_graceful_shutdown=args.shutdown_timeout,
        )
    finally:  # uvicorn returns only after the requests in flight were answered
        judge.close()


def _exit_cleanly(signum: int, frame: object) -> None:
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    if args.command == "serve":
        serve(args)


if __name__ == "__main__":
    main()

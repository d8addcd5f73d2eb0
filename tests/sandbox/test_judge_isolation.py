"""Each isolation layer, proven by a program that tries to break it; the host is checked afterwards.

Bounded: every attack targets 127.0.0.1 or this machine's files, runs under a short time limit, and stops.
Layers are also tested one at a time (others switched off) where a single layer is the claim.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import socket
import textwrap
from pathlib import Path

import pytest

from sandbox_runner import Isolation, Job, Limits, LocalJudge, Status, Verdict
from sandbox_runner import Tests as Spec  # not `Tests`: pytest would try to collect it

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    os.geteuid() != 0, reason="the full isolation needs root (as on our machines and CI)"
)


@pytest.fixture(scope="module")
def lj():
    with LocalJudge(2) as j:
        yield j


def observe(j: LocalJudge, code: str, expected: str, time_s: float = 3.0, memory_mb: int = 1024) -> Verdict:
    """Run `code` as a stdin/stdout program; it prints what it managed to do, `expected` is the safe answer."""
    limits = Limits(time_s=time_s, memory_mb=memory_mb)
    job = Job(textwrap.dedent(code), Spec("stdio", inputs=[""], outputs=[expected]), limits)
    return j.submit(job).result(timeout=120)


def assert_still_serving(j: LocalJudge, pids: list[int]) -> None:
    assert j.worker_pids() == pids, "a worker was lost"
    v = observe(j, "print(6 * 7)", "42")
    assert v.outcome is Status.PASSED


@pytest.fixture
def listener():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.3)
    yield srv
    srv.close()


def assert_nobody_connected(srv: socket.socket) -> None:
    with pytest.raises(TimeoutError):
        srv.accept()


CONNECT = """\
import socket
try:
    s = socket.create_connection(("127.0.0.1", {port}), timeout=1)
    s.sendall(b"leak")
    print("connected")
except OSError as e:
    print("blocked")
"""


def test_network_is_unreachable(lj, listener):
    v = observe(lj, CONNECT.format(port=listener.getsockname()[1]), "blocked")
    assert v.outcome is Status.SANDBOX_VIOLATION  # socket() itself is denied by seccomp
    assert_nobody_connected(listener)


def test_network_namespace_alone_blocks_the_connection(listener):
    with LocalJudge(1, isolation=Isolation(seccomp=False)) as j:
        v = observe(j, CONNECT.format(port=listener.getsockname()[1]), "blocked")
    assert v.outcome is Status.PASSED, v.tests
    assert_nobody_connected(listener)


@pytest.mark.parametrize(
    "attack",
    [
        "import os\nos.fork()",
        "import os\nos.system('echo hi > /dev/null')",
        "import subprocess\nsubprocess.run(['true'])",
        "import os\nos.execv('/bin/sh', ['sh', '-c', 'true'])",
        "import os\nwhile True:\n    os.fork()",  # fork bomb
        "import ctypes\nctypes.CDLL(None).syscall(56, 17, 0, 0, 0, 0)",  # raw clone(SIGCHLD): a plain fork
    ],
    ids=["fork", "os.system", "subprocess", "exec", "fork-bomb", "raw-clone"],
)
def test_no_new_processes(lj, attack):
    pids = lj.worker_pids()
    v = observe(lj, attack + "\nprint('spawned')", "no")
    assert v.outcome is Status.SANDBOX_VIOLATION, v.tests
    assert_still_serving(lj, pids)


def test_clone3_fails_with_enosys_so_libc_falls_back_to_the_filtered_clone(lj):
    code = "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\nprint(libc.syscall(435, 0, 0), ctypes.get_errno())"
    v = observe(lj, code, "-1 38")  # 435: clone3 on x86_64 and arm64; 38: ENOSYS
    assert v.outcome is Status.PASSED, v.tests


def test_threads_are_allowed(lj):
    code = "import threading\nout = []\nt = threading.Thread(target=lambda: out.append(1))\nt.start(); t.join()\nprint(out)"
    assert observe(lj, code, "[1]").outcome is Status.PASSED


def _uid_of(worker_pid: int) -> int:
    cmd = Path(f"/proc/{worker_pid}/cmdline").read_bytes().split(b"\0")
    return next(json.loads(a)["uid"] for a in cmd if a.startswith(b'{"namespaces"'))


def test_children_have_no_new_privileges_and_the_seccomp_filter(lj):
    # no_new_privs is set once in the worker and inherited; the filter is loaded by each child
    code = "f = dict(l.split(':\\t') for l in open('/proc/self/status').read().splitlines() if ':\\t' in l)\n"
    code += "print(f['NoNewPrivs'].strip(), f['Seccomp'].strip())"
    v = observe(lj, code, "1 2")  # 2: SECCOMP_MODE_FILTER
    assert v.outcome is Status.PASSED, v.tests


def test_the_fork_server_maps_no_library_it_does_not_need(lj):
    # Every mapping of the worker is copied by each fork: libseccomp stays in the judge, the archive libraries
    # (loaded by shutil and base64's binascii) out of the worker, also after a /run_code run with files.
    files = {"a/in.txt": base64.b64encode(b"21").decode()}
    e = lj.run(
        "open('a/out.txt', 'w').write('4' + open('a/in.txt').read())", files=files, fetch_files=["a/out.txt"]
    )
    assert e.result(timeout=60).files == {"a/out.txt": base64.b64encode(b"421").decode()}
    for pid in lj.worker_pids():
        maps = Path(f"/proc/{pid}/maps").read_text()
        assert not [lib for lib in ("libseccomp", "libz.", "libbz2", "liblzma") if lib in maps]


def _processes_of(uid: int) -> list[int]:
    pids = []
    for d in Path("/proc").iterdir():
        try:
            if (
                d.name.isdigit()
                and f"\t{uid}\t" in (d / "status").read_text().split("Uid:")[1].split("\n")[0]
            ):
                pids.append(int(d.name))
        except (OSError, IndexError):
            pass
    return pids


def test_without_seccomp_the_process_limit_holds_and_nothing_outlives_the_job():
    bomb = """\
    import os, time
    n = 0
    for _ in range(500):
        try:
            if os.fork() == 0:
                os.setsid()  # leave the process group: only the uid sweep can find it
                time.sleep(30)
                os._exit(0)
            n += 1
        except OSError:
            break
    print("forked", n)
    """
    with LocalJudge(1, isolation=Isolation(seccomp=False)) as j:
        uid = _uid_of(j.worker_pids()[0])
        v = observe(j, bomb, "")
        assert v.tests[0].got is not None and v.tests[0].got.startswith("forked")
        assert int(v.tests[0].got.split()[1]) < 64  # RLIMIT_NPROC of the child's private uid
        assert _processes_of(uid) == []


def test_nothing_writable_outside_the_working_directory(lj):
    token = secrets.token_hex(6)
    places = ["/tmp", "/var/tmp", "/dev/shm", str(REPO), "/root", "/", "/etc"]
    code = f"""\
    import os
    wrote = []
    for d in {places!r}:
        try:
            with open(os.path.join(d, "escape_{token}"), "w") as f:
                f.write("x")
            wrote.append(d)
        except OSError:
            pass
    with open("scratch.txt", "w") as f:  # its own working directory is writable
        f.write("ok")
    print("wrote", wrote, open("scratch.txt").read())
    """
    v = observe(lj, code, "wrote [] ok")
    assert v.outcome is Status.PASSED, v.tests
    assert not [p for p in places if os.path.exists(os.path.join(p, f"escape_{token}"))]


def test_working_directories_are_fresh_and_private(lj):
    code = "import os\nprint(sorted(os.listdir('.')), os.listdir('..') if os.access('..', os.R_OK) else 'hidden')\nopen('left_behind', 'w').write('x')"
    first = observe(lj, code, "[] hidden")
    second = observe(lj, code, "[] hidden")
    assert first.outcome is Status.PASSED and second.outcome is Status.PASSED, (first.tests, second.tests)


def test_another_jobs_stdin_and_the_judges_environment_are_out_of_reach(monkeypatch):
    secret_env = "judge-env-" + secrets.token_hex(8)
    secret_in = "judge-stdin-" + secrets.token_hex(8)
    monkeypatch.setenv("RLTF_JUDGE_TEST_SECRET", secret_env)
    spy = f"""\
    import os
    seen = repr(dict(os.environ))
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            for what in ("environ", "cmdline", "fd/0", "mem"):
                try:
                    with open(f"/proc/{{pid}}/{{what}}", "rb") as f:
                        seen += repr(f.read(1 << 16))
                except OSError:
                    pass
    for pid in ({os.getpid()}, os.getppid()):
        try:
            seen += repr(open(f"/proc/{{pid}}/environ", "rb").read())
        except OSError:
            pass
    leaked = [s for s in ({secret_env!r}, {secret_in!r}) if s in seen]
    print("leaked", leaked)
    """
    victim = "import time\nsecret = input()\ntime.sleep(2)\nprint(len(secret))"
    with LocalJudge(2) as j:
        hold = j.submit(Job(victim, Spec("stdio", inputs=[secret_in + "\n"], outputs=[str(len(secret_in))])))
        v = observe(j, spy, "leaked []")
        assert v.outcome is Status.PASSED, v.tests
        assert hold.result(timeout=60).outcome is Status.PASSED


def test_memory_bomb(lj):
    pids = lj.worker_pids()
    v = observe(lj, "chunks = []\nwhile True:\n    chunks.append(bytearray(16 << 20))", "never", 20, 256)
    assert v.outcome is Status.MEMORY_LIMIT, v.tests
    assert_still_serving(lj, pids)


def test_endless_output(lj):
    v = observe(lj, "while True:\n    print('y' * 1000)", "never", time_s=5)
    assert v.outcome is Status.OUTPUT_LIMIT, v.tests


@pytest.mark.parametrize(
    "attack", ["os.kill(os.getppid(), 9)", "os.kill(-1, 9)", "os.killpg(os.getpgid(os.getppid()), 9)"]
)
def test_cannot_kill_the_worker_or_anything_else(lj, attack):
    pids = lj.worker_pids()
    v = observe(lj, f"import os\n{attack}\nprint('still here')", "never")
    assert v.outcome is Status.SANDBOX_VIOLATION, v.tests
    assert_still_serving(lj, pids)


def test_without_seccomp_the_private_uid_still_protects_the_worker():
    with LocalJudge(1, isolation=Isolation(seccomp=False)) as j:
        pids = j.worker_pids()
        v = observe(
            j,
            "import os\ntry:\n    os.kill(os.getppid(), 9)\nexcept PermissionError:\n    print('denied')",
            "denied",
        )
        assert v.outcome is Status.PASSED, v.tests
        v = observe(j, "import os\nos.kill(-1, 9)\nprint('alive')", "alive")  # its uid owns nothing else
        assert v.outcome is Status.PASSED, v.tests
        assert_still_serving(j, pids)


def test_missing_layers_are_reported_loudly(caplog):
    with caplog.at_level("WARNING", logger="sandbox_runner"):
        with LocalJudge(1, isolation=Isolation(seccomp=False, namespaces=False)) as j:
            assert j.layers["seccomp"].startswith("off") and j.layers["namespaces"].startswith("off")
    assert "SANDBOX ISOLATION INCOMPLETE" in caplog.text and "seccomp" in caplog.text


def test_without_namespaces_programs_can_still_import_the_standard_library():
    with LocalJudge(1, isolation=Isolation(namespaces=False)) as j:
        v = observe(j, "import sqlite3, socket, email.parser\nprint('ok')", "ok")
        assert v.outcome is Status.PASSED, (j.layers, v.tests)
        # the private uid is kept only where that uid can read the interpreter's files
        assert j.layers["uid"] == "on" or "closed to other users" in j.layers["uid"]

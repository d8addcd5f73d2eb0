"""The judge works wherever it is installed: here from a copy of the package and a virtual environment that
both live under /tmp, which the worker covers with its private tmpfs. Every kind of run goes through it:
each test format, a plain run with files in and out, pytest, and a program importing a package installed in
that environment. (Whatever the checkout's own location, the worker's import guard fails any test whose run
makes it import after isolation; this test covers the mounts that make a /tmp install visible to children.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
from pathlib import Path

import pytest

import sandbox_runner

SCRIPT = textwrap.dedent(
    """
    import base64, json, sys
    import sandbox_runner
    from sandbox_runner import Job, Limits, LocalJudge, Tests

    ADD = "def add(a, b):\\n    return a + b\\n"
    jobs = {
        "mbpp": Job(ADD, Tests("mbpp", asserts=["assert add(1, 2) == 3"])),
        "check": Job(ADD, Tests("check", check="def check(f):\\n    assert f(2, 2) == 4\\n", fn_name="add")),
        "call": Job(ADD, Tests("call", fn_name="add", inputs=[[1, 2]], outputs=[3])),
        "stdio": Job("a, b = map(int, input().split())\\nprint(a + b)", Tests("stdio", inputs=["1 2\\n"], outputs=["3\\n"])),
        "installed_package": Job("import tmp_probe\\nx = tmp_probe.VALUE", Tests("mbpp", asserts=["assert x == 42"])),
    }
    out = {"package": sandbox_runner.__file__}
    with LocalJudge(1) as j:
        out["layers"] = j.describe().get("isolation")
        for name, job in jobs.items():
            v = j.submit(job).result(timeout=120)
            out[name] = [v.outcome.value, v.passed, v.total]
        files = {"in.txt": base64.b64encode(b"21").decode()}
        code = "open('out.txt', 'w').write(str(2 * int(open('in.txt').read())))"
        e = j.run(code, files=files, fetch_files=["out.txt"]).result(timeout=120)
        out["files"] = [e.status.value, e.exit_code, {k: base64.b64decode(v).decode() for k, v in e.files.items()}]
        e = j.run("def test_one():\\n    assert 1 + 1 == 2\\n", pytest=True).result(timeout=120)
        out["pytest"] = [e.status.value, e.exit_code]
    print(json.dumps(out))
    """
)


@pytest.fixture(scope="module")
def tmp_install():
    """/tmp/<random>/: sandbox_runner copied into pkg/, and a venv whose site-packages holds a probe module
    and a .pth pointing at this interpreter's packages (pyseccomp, pytest)."""
    root = Path(tempfile.mkdtemp(prefix="rltf-install-", dir="/tmp"))  # mode 700, like a CI runner's
    try:
        shutil.copytree(Path(sandbox_runner.__file__).parent, root / "pkg" / "sandbox_runner",
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
        subprocess.run(
            [sys.executable, "-m", "venv", "--without-pip", str(root / "venv")], check=True, timeout=120
        )
        py = root / "venv" / "bin" / "python"
        site = Path(subprocess.run(
            [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True, capture_output=True, text=True, timeout=60,
        ).stdout.strip())  # fmt: skip
        (site / "tmp_probe.py").write_text("VALUE = 42\n")
        (site / "host_packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        yield root, py
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_the_judge_runs_every_kind_of_run_from_an_install_under_tmp(tmp_install):
    root, py = tmp_install
    boot = f"import sys; sys.path.insert(0, {str(root / 'pkg')!r})\n" + SCRIPT
    r = subprocess.run([py, "-c", boot], capture_output=True, text=True, timeout=300, cwd=root)
    assert r.returncode == 0, r.stderr[-3000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["package"].startswith(str(root)), out["package"]  # the copy under /tmp, not the checkout
    if os.geteuid() == 0:  # the layers that hide /tmp are the point
        assert (out["layers"]["namespaces"], out["layers"]["uid"]) == ("on", "on"), out["layers"]
    for name in ("mbpp", "check", "call", "stdio", "installed_package"):
        assert out[name] == ["passed", 1, 1], (name, out[name], r.stderr[-3000:])
    assert out["files"] == ["passed", 0, {"out.txt": "42"}]
    assert out["pytest"] == ["passed", 0]

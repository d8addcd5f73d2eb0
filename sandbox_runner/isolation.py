"""The isolation layers: set up once per worker (namespaces, mounts, seccomp program) and entered per child.

Judge: builds the seccomp program once with libseccomp and hands it to each worker as bytes, so the process that
forks every child never loads libseccomp (every library a process maps is copied by each fork).

Worker (root): own network namespace (no interface is up: no network at all) and mount namespace in which
every mount is read-only except private tmpfs on /tmp, /var/tmp, /dev/shm, and /proc shows a process only
to its owner (hidepid=2). No new privileges, ever (inherited by every child).

Child (per program, forked from the worker): own process group; rlimits; the worker's private uid (each
worker has a distinct one, so concurrent jobs cannot signal or read each other); not dumpable; no new
privileges (inherited); then the precompiled seccomp filter, loaded with one prctl.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import resource
import signal
import stat
import sys
from dataclasses import dataclass, field

_libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS, CLONE_NEWNET = 0x00020000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = (
    1,
    2,
    4,
    8,
    32,
    4096,
    16384,
    1 << 18,
)
_MOUNT_FLAGS = {"ro": MS_RDONLY, "nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": MS_NOEXEC}
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 1, 4, 38, 22, 2
PR_SET_CHILD_SUBREAPER = 36
CLONE_THREAD = 0x00010000

# What a candidate never needs. Process creation, networking, debugging, namespaces, kernel state, and
# leaving its process group (which would let it outlive the kill).
DENIED_SYSCALLS = (
    "fork", "vfork", "execve", "execveat", "socket", "socketpair", "connect", "bind", "listen", "accept",
    "accept4", "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2", "pivot_root", "chroot",
    "unshare", "setns", "reboot", "kexec_load", "kexec_file_load", "init_module", "finit_module",
    "delete_module", "bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key", "setsid",
    "setpgid", "acct", "swapon", "swapoff", "quotactl", "sethostname", "setdomainname", "iopl", "ioperm",
    "io_uring_setup", "io_uring_enter", "io_uring_register", "setuid", "setgid", "setreuid", "setregid",
    "setresuid", "setresgid", "setgroups", "name_to_handle_at", "open_by_handle_at", "pidfd_open",
    "pidfd_getfd", "pidfd_send_signal", "fanotify_init", "mknod", "mknodat", "settimeofday", "clock_settime",
)  # fmt: skip


@dataclass
class Isolation:
    """Which layers to use. All on by default; a layer the host lacks is reported, never silently skipped."""

    namespaces: bool = True  # network + mount namespace for each worker (needs root)
    seccomp: bool = True
    drop_uid: bool = True  # run children as a private unprivileged uid (needs root)
    tmpfs_mb: int = 64  # size of each worker's private /tmp, where the working directories live
    tmpfs_inodes: int = 4096  # files + directories in it: a program cannot exhaust the kernel's inodes
    nofile: int = 64  # open files per child
    nproc: int = 64  # tasks (threads) of the child's uid
    uid: int = 0  # filled per worker by its WorkerProcess handle: its private uid


@dataclass
class Prepared:
    """A worker's isolation state, shared by every child it forks."""

    cfg: Isolation
    layers: dict[str, str] = field(default_factory=dict)  # layer -> "on" or why it is off
    bpf: ctypes.Array[ctypes.c_char] | None = None
    prog: ctypes.Structure | None = None


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _check(rc: int, what: str) -> None:
    if rc != 0:
        e = ctypes.get_errno()
        raise OSError(e, f"{what}: {os.strerror(e)}")


def _mount(src: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = lambda s: s.encode() if s is not None else None  # noqa: E731
    _check(
        _libc.mount(enc(src), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)), f"mount {target}"
    )


def _mount_points() -> list[tuple[str, int]]:
    """(mount point, its per-mount flags) from /proc/self/mountinfo, parents first."""
    points = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            parts = line.split()
            target = parts[4].encode().decode("unicode_escape")
            flags = 0
            for opt in parts[5].split(","):
                flags |= _MOUNT_FLAGS.get(opt, 0)
            points.append((target, flags))
    return points


def _hidden_ancestor(path: str) -> str | None:
    """The first directory on the way to `path` that other users cannot enter (e.g. /root, mode 700)."""
    cur = "/"
    for part in path.strip("/").split("/"):
        cur = os.path.join(cur, part)
        if not os.stat(cur).st_mode & stat.S_IXOTH:
            return cur
    return None


def _python_dirs() -> list[str]:
    """The interpreter's own directories and its import path (outermost ones only)."""
    wanted = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, *sys.path}
    real = sorted({os.path.realpath(p) for p in wanted if p and os.path.isdir(p)})
    return [p for p in real if not any(p != q and p.startswith(q + "/") for q in real)]


def _cover(target: str, data: str, flags: int, keep: list[str], readonly: bool) -> None:
    """Mount a fresh tmpfs on `target` and bind the directories `keep` (inside it) back, read-only: what was
    there is hidden except those."""
    fds = [os.open(p, os.O_PATH | os.O_DIRECTORY) for p in keep]
    _mount("tmpfs", target, "tmpfs", flags, data)
    for p, fd in zip(keep, fds, strict=True):
        os.makedirs(p, mode=0o755, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", p, None, MS_BIND | MS_REC)
        _mount(None, p, None, MS_REMOUNT | MS_BIND | MS_RDONLY)
        os.close(fd)
    if readonly:
        _mount(None, target, None, MS_REMOUNT | MS_RDONLY | flags)


def _expose_python() -> None:
    """The interpreter may live where the child's uid cannot go (pyenv under /root). Cover such a directory
    and bind only the interpreter's own directories back into it: the child can import the standard library
    and installed packages, and sees nothing else of that directory."""
    by_hidden: dict[str, list[str]] = {}
    for p in _python_dirs():
        if (h := _hidden_ancestor(p)) is not None:
            by_hidden.setdefault(h, []).append(p)
    for hidden, paths in by_hidden.items():
        _cover(hidden, "size=64k,mode=755", MS_NOSUID | MS_NODEV, paths, readonly=True)


def _inside(d: str) -> list[str]:
    """The interpreter's directories under `d`: an install in /tmp stays importable under the private /tmp."""
    return [p for p in _python_dirs() if p.startswith(d.rstrip("/") + "/")]


def _namespaces(cfg: Isolation) -> None:
    _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWNET), "unshare")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    for target, flags in _mount_points():
        try:
            _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | flags)
        except OSError as e:  # e.g. a mount hidden under another one; the rest stays read-only
            if e.errno not in (errno.ENOENT, errno.EINVAL, errno.EACCES):
                raise
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2")
    if cfg.drop_uid:
        _expose_python()
    tmp = f"size={cfg.tmpfs_mb}m,nr_inodes={cfg.tmpfs_inodes},mode=711"
    _cover("/tmp", tmp, MS_NOSUID | MS_NODEV, _inside("/tmp"), readonly=False)
    for d in ("/var/tmp", "/dev/shm"):
        if os.path.isdir(d):
            _cover(d, "size=4k,mode=755", MS_NOSUID | MS_NODEV | MS_NOEXEC, _inside(d), readonly=True)


@functools.cache
def seccomp_program() -> bytes:
    """The child's seccomp filter as raw BPF (built once, by the judge, with libseccomp; loaded per child with one
    prctl). Raises when libseccomp is missing or unusable."""
    import pyseccomp as sc

    f = sc.SyscallFilter(defaction=sc.ALLOW)
    # A binary tree of syscall numbers instead of a linear list: the kernel emulates the filter for every
    # syscall when a child loads it (to cache the always-allowed ones); that halves its load time (~0.06 ms).
    f.set_attr(sc.Attr.CTL_OPTIMIZE, 2)
    for name in DENIED_SYSCALLS:
        try:
            f.add_rule(sc.KILL_PROCESS, name)
        except (OSError, ValueError, RuntimeError):  # not a syscall on this architecture
            pass
    f.add_rule(sc.KILL_PROCESS, "clone", sc.Arg(0, sc.MASKED_EQ, CLONE_THREAD, 0))  # threads only
    f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")  # flags are behind a pointer; ENOSYS makes glibc use clone
    f.add_rule(sc.KILL_PROCESS, "kill", sc.Arg(0, sc.NE, 0))  # only its own process group
    r, w = os.pipe()
    try:
        with os.fdopen(w, "wb", closefd=False) as wf:
            f.export_bpf(wf)
        os.close(w)
        w = -1
        chunks = []
        while chunk := os.read(r, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(r)
        if w >= 0:
            os.close(w)


def seccomp_for_worker(cfg: Isolation) -> dict[str, str]:
    """What a worker is told about seccomp: {"bpf": the program as hex}, {"off": why there is none}, or {} when
    `cfg` has it disabled."""
    if not cfg.seccomp:
        return {}
    try:
        return {"bpf": seccomp_program().hex()}
    except Exception as e:  # libseccomp missing or unusable
        return {"off": f"{type(e).__name__}: {e}"}


def prepare_worker(cfg: Isolation, seccomp: dict[str, str]) -> Prepared:
    """Set up this worker process (`seccomp` as `seccomp_for_worker` gives it); every layer that cannot be had is
    recorded with the reason."""
    p = Prepared(cfg)
    root = os.geteuid() == 0
    if not cfg.namespaces:
        p.layers["namespaces"] = "off (disabled)"
    elif not root:
        p.layers["namespaces"] = "off (needs root)"
    else:
        try:
            _namespaces(cfg)
            p.layers["namespaces"] = "on"
        except OSError as e:
            p.layers["namespaces"] = f"off ({e})"
    hidden = (
        None
        if p.layers["namespaces"] == "on"
        else next(filter(None, map(_hidden_ancestor, _python_dirs())), None)
    )
    if not cfg.drop_uid:
        p.layers["uid"] = "off (disabled)"
    elif not root:
        p.layers["uid"] = f"off (not root: children keep uid {os.geteuid()})"
    elif hidden:  # another uid could not even import the standard library
        p.layers["uid"] = (
            f"off (the interpreter is under {hidden}, closed to other users, and no mount namespace)"
        )
    else:
        p.layers["uid"] = "on"
    if not cfg.seccomp:
        p.layers["seccomp"] = "off (disabled)"
    elif "bpf" not in seccomp:
        p.layers["seccomp"] = f"off ({seccomp.get('off', 'no program')})"
    else:
        code = bytes.fromhex(seccomp["bpf"])
        p.bpf = ctypes.create_string_buffer(code, len(code))
        p.prog = _SockFprog(len(code) // 8, ctypes.addressof(p.bpf))
        p.layers["seccomp"] = "on"
    p.layers["rlimits"] = "on"
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(NO_NEW_PRIVS)")  # once, for every child
    return p


def enter_child(p: Prepared, parent: int, *, time_s: float, memory_mb: int, output_bytes: int) -> None:
    """In the freshly forked child, before any candidate code: rlimits, uid, not dumpable, seccomp."""
    os.setpgid(0, 0)
    limits = {
        resource.RLIMIT_CPU: (int(time_s) + 1, int(time_s) + 2),
        resource.RLIMIT_AS: (memory_mb << 20,) * 2,
        resource.RLIMIT_FSIZE: (output_bytes,) * 2,
        resource.RLIMIT_NOFILE: (p.cfg.nofile,) * 2,
        resource.RLIMIT_CORE: (0, 0),
        resource.RLIMIT_NPROC: (p.cfg.nproc,) * 2,
    }
    for which, lim in limits.items():
        resource.setrlimit(which, lim)
    if p.layers.get("uid") == "on":
        os.setgroups([])
        os.setresgid(p.cfg.uid, p.cfg.uid, p.cfg.uid)
        os.setresuid(p.cfg.uid, p.cfg.uid, p.cfg.uid)
    _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(PDEATHSIG)")  # after the uid change
    if os.getppid() != parent:  # the worker died before the line above: do not run orphaned
        os._exit(71)
    _check(_libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl(DUMPABLE)")
    if p.prog is not None:
        _check(_libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(p.prog), 0, 0), "seccomp")


def set_subreaper() -> None:
    _check(_libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "prctl(CHILD_SUBREAPER)")

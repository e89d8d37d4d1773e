"""Writing files without ever losing what the user had.

:func:`write_atomic` is the one way unrender writes a file: build outputs, ``check --fix`` (which
rewrites the user's own source) and ``import``. Its promise holds even under ``kill -9`` or a power
cut: the file holds its old content or the complete new one, and no temporary file is left behind.

How, and why this way:

- The data goes into an *unnamed* file in the target's folder (Linux ``O_TMPFILE``), is fsynced,
  and only then gets a name: ``linkat`` of ``/proc/self/fd/N`` to a temporary name, then
  ``rename`` over the target. A process killed while rendering or writing leaves nothing, since the
  kernel frees an unnamed file with its last descriptor. A plain temp file (``mkstemp``) would be
  stranded by any kill between its creation and the rename, i.e. for the whole write and fsync.
- Linux cannot link a file *over* an existing name, so the two system calls between ``linkat`` and
  ``rename`` remain a window in which a kill strands a named temp; where ``O_TMPFILE`` is missing
  (macOS, some network and FUSE file systems), the temp is named from the start. For both, the
  temp's name carries the writer's host and pid (``.draft.pdf.myhost.4242.9f3a01bc.tmp``) and
  every write first removes the temps of the same output whose writer is gone: the next build
  cleans up after a killed one. A temp whose writer is alive is never touched (two builds of one
  file at once each keep their own), nor one written on another host or in another container.
- The folder is fsynced after the rename, so the rename itself survives a power cut.
- Replacing a file keeps its permission bits (a private draft stays private after ``--fix``); a
  new file gets ``0o666`` less the umask, as with any program. A symlink is written through, so
  the link stays and the file it points to gets the new content.
"""

from __future__ import annotations

import errno
import os
import re
import socket
import stat
from pathlib import Path

# errors of open(O_TMPFILE) that mean "not here" (open(2)): old kernel, file system without it
_NO_TMPFILE = {errno.EOPNOTSUPP, errno.EISDIR, errno.ENOENT, errno.EINVAL}
_NAME_KEPT = 40  # characters of the output's name in its temp's name: stays under NAME_MAX


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: readers see the old file or the new, never half,
    and a writer killed at any moment leaves no temporary file (see the module's docstring)."""
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_of(path)
    _sweep_stale_temps(path)
    folder = _open_folder(path.parent)
    try:
        if not _write_unnamed(path, data, mode, folder):
            _write_named(path, data, mode)
        if folder is not None:
            _fsync_folder(folder)
    finally:
        if folder is not None:
            os.close(folder)


def _write_unnamed(path: Path, data: bytes, mode: int | None, folder: int | None) -> bool:
    """Write through an O_TMPFILE file; False (nothing written) where it cannot be done."""
    if folder is None or not hasattr(os, "O_TMPFILE"):
        return False
    try:
        fd = os.open(path.parent, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        if exc.errno in _NO_TMPFILE:
            return False
        raise
    try:
        _fill(fd, data, mode)
        tmp = _link_to_temp_name(fd, path, folder)
    finally:
        os.close(fd)
    if tmp is None:  # no /proc to name the file by: the caller writes a named temp instead
        return False
    _rename_over(tmp, path)
    return True


def _link_to_temp_name(fd: int, path: Path, folder: int) -> Path | None:
    for _ in range(8):
        tmp = _temp_path(path)
        try:
            # dst_dir_fd makes Python call linkat(), which AT_SYMLINK_FOLLOW needs; plain link()
            # would try to link the /proc symlink itself
            os.link(f"/proc/self/fd/{fd}", tmp.name, dst_dir_fd=folder, follow_symlinks=True)
        except FileExistsError:
            continue
        except OSError:
            return None
        return tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def _write_named(path: Path, data: bytes, mode: int | None) -> None:
    for _ in range(8):
        tmp = _temp_path(path)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))
    try:
        try:
            _fill(fd, data, mode)
        finally:
            os.close(fd)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _rename_over(tmp, path)


def _fill(fd: int, data: bytes, mode: int | None) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    if mode is not None:
        os.fchmod(fd, mode)
    os.fsync(fd)


def _rename_over(tmp: Path, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _mode_of(path: Path) -> int | None:
    """The permission bits of the file being replaced (None: a new file)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return None


def _open_folder(folder: Path) -> int | None:
    if not hasattr(os, "O_DIRECTORY"):  # Windows: no folder descriptors, and no O_TMPFILE
        return None
    return os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)


def _fsync_folder(folder: int) -> None:
    try:
        os.fsync(folder)
    except OSError as exc:  # some file systems cannot sync a folder; the rename is done
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise


# --- temporary names ---------------------------------------------------------------------------


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:32] or "host"


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name[:_NAME_KEPT]}.{_host()}.{os.getpid()}."
                          f"{os.urandom(4).hex()}.tmp")


def _temp_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(f".{path.name[:_NAME_KEPT]}.") +
                      r"(?P<host>[A-Za-z0-9-]+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp")


def _sweep_stale_temps(path: Path) -> None:
    """Remove the temps of ``path`` left by writers of this host that are no longer running."""
    if os.name != "posix":  # os.kill(pid, 0) would not just ask on Windows
        return
    pattern, host = _temp_pattern(path), _host()
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        match = pattern.fullmatch(name)
        if match and match["host"] == host and not _running(int(match["pid"])):
            (path.parent / name).unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process; no such pid
        return False
    except PermissionError:  # another user's
        return True
    return True

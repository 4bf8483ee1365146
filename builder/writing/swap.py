"""Put a finished site in the old one's place in one step, and clean up after builds that were killed.

On Linux the two folders are exchanged by one system call, renameat2(RENAME_EXCHANGE): at every
instant the site's path holds the old site or the new one, never nothing and never a mix. Where that
call is missing (another system, a file system without it), the swap is two renames, and a build
killed between them leaves no site but the old one beside it: `repair` puts it back at the start of
the next build. Staging folders of killed builds are removed then too.

A site folder that is a mount point (a container's volume) cannot be renamed: its entries are
exchanged one by one instead, each of them whole (`swap_entries`).
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
from pathlib import Path

RENAME_EXCHANGE = 2  # from <linux/fs.h>
AT_FDCWD = -100
UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM}
INSIDE = ".briefing-staging-"  # folders staged inside a mount-point site: .briefing-staging-new-PID, -old-PID


def _renameat2():
    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not glibc 2.28+ or not Linux
        return None
    call.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    call.restype = ctypes.c_int
    return call


_RENAMEAT2 = _renameat2()  # the C library's function, looked up once; it never changes in a process


def exchange(a: Path, b: Path) -> bool:
    """Swap what the two paths name, atomically; False (nothing done) where the system cannot.
    Raises OSError for any other failure."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def staging_names(site: Path) -> tuple[Path, Path]:
    """The new site's folder and the old one's, beside `site`, named after this process."""
    return (site.with_name(f".{site.name}.new-{os.getpid()}"), site.with_name(f".{site.name}.old-{os.getpid()}"))


def swap_in(new: Path, site: Path, retired: Path) -> None:
    """Put the folder `new` at `site`; the old site ends up at `new` (exchanged) or `retired` (two renames),
    for the caller to delete."""
    if not os.path.lexists(site):
        new.rename(site)
    elif not exchange(new, site):
        site.rename(retired)  # killed right here: `repair` restores `retired` at the next start
        try:
            new.rename(site)
        except OSError:
            retired.rename(site)
            raise


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftovers(folder: Path, pattern: re.Pattern) -> list[tuple[Path, str, int]]:
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in sorted(names):
        match = pattern.fullmatch(name)
        if match and not _alive(int(match.group(2))):
            found.append((folder / name, match.group(1), int(match.group(2))))
    return found


def repair(site: Path) -> None:
    """Undo what killed builds left: a site moved aside and not replaced comes back (the newest such), and
    every staging folder of a build no longer running is removed. Safe while other builds run."""
    pattern = re.compile(rf"\.{re.escape(site.name)}\.(new|old)-(\d+)")
    left = _leftovers(site.parent, pattern)
    if not os.path.lexists(site):
        retired = [path for path, kind, _ in left if kind == "old"]
        if retired:
            max(retired, key=lambda p: p.stat().st_mtime_ns).rename(site)
    for path, _, _ in _leftovers(site.parent, pattern):
        shutil.rmtree(path, ignore_errors=True)
    if site.is_dir():
        for path, _, _ in _leftovers(site, re.compile(rf"{re.escape(INSIDE)}(new|old)-(\d+)")):
            shutil.rmtree(path, ignore_errors=True)


def swap_entries(new: Path, site: Path, retired: Path) -> None:
    """Replace a mount point's contents with `new`'s (both inside `site`): each top-level entry exchanged
    or renamed whole; entries the new site lacks moved into `retired`, for the caller to delete."""
    retired.mkdir(exist_ok=True)
    keep = {new.name, retired.name}
    incoming = sorted(os.listdir(new))
    for name in incoming:
        target = site / name
        if os.path.lexists(target) and exchange(new / name, target):
            continue
        if os.path.lexists(target):
            target.rename(retired / name)
        (new / name).rename(target)
    for name in sorted(os.listdir(site)):
        if name not in keep and name not in incoming:
            (site / name).rename(retired / name)

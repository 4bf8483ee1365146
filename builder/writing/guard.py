"""Which folder a build may replace: only one the builder made itself, or an empty or missing one.

A build replaces its output folder whole. Given the wrong `--site-dir` (the corpus, the project, `/`,
a file, a link), that would delete what an editor wrote, so the folder is checked before anything is
written: it must be missing, empty, or carry the marker file every build puts in it (MARKER), and it
must not be, or contain, the corpus, the theme or the project. A site built before the marker existed
is recognised by its version.json.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

from builder.common.diagnostics import BriefingError, display_path
from builder.writing.swap import INSIDE

MARKER = ".briefing-site"  # in every site a build writes; its presence lets the next build replace the folder
MARKER_TEXT = b"This folder was written by `briefing build`; the next build replaces all of it.\n"
HINT = "give --site-dir a new or empty folder, or one an earlier build made (default: site/)"


def _refuse(site_dir: Path, message: str, hint: str = HINT) -> BriefingError:
    return BriefingError.at(site_dir, 0, 0, "site-dir", message, hint, outcome="nothing was written or removed.")


def _built_before(folder: Path) -> bool:
    """A site of a builder older than the marker: its version.json names the edition and the content's hash."""
    try:
        record = json.loads((folder / "version.json").read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(record, dict) and {"edition", "built", "content_sha256"} <= set(record)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_replaceable(site_dir: Path, protected: Iterable[Path] = ()) -> None:
    """Raise BriefingError (site-dir) unless a build may replace `site_dir` whole.

    `protected` are folders no build may replace or swallow (the corpus, the theme, the project);
    the working directory is always among them."""
    given = Path(os.path.abspath(site_dir))
    if given.is_symlink():
        raise _refuse(site_dir, "is a symbolic link; a build replaces the folder itself, not what the link points to",
                      "give the real folder as --site-dir")
    if given.exists() and not given.is_dir():
        raise _refuse(site_dir, "is a file, not a folder")
    real = given.resolve()
    if real == Path(real.anchor):
        raise _refuse(site_dir, "is the root of the file system")
    if real == Path.home().resolve():
        raise _refuse(site_dir, "is the home folder")
    for kept in (Path.cwd(), *protected):
        kept = Path(os.path.abspath(kept)).resolve()
        if _inside(kept, real):
            what = "the working directory" if kept == Path.cwd().resolve() else display_path(kept)
            relation = f"is {what} itself" if kept == real else f"contains {what}"
            raise _refuse(site_dir, f"{relation}: a build replaces its output folder whole, so it would delete {what}")
        if _inside(real, kept) and kept != Path.cwd().resolve():
            raise _refuse(site_dir, f"is inside {display_path(kept)}, which a build must not write into")
    if given.is_dir() and not (given / MARKER).is_file() and not _built_before(given):
        try:  # what a killed build staged inside a mount-point site does not count (swap.repair removes it)
            empty = all(entry.name.startswith(INSIDE) for entry in os.scandir(given))
        except OSError as exc:
            raise _refuse(site_dir, f"cannot be read: {exc.strerror}") from None
        if not empty:
            raise _refuse(site_dir, f"holds files no build made (no {MARKER} file in it); a build would delete them")

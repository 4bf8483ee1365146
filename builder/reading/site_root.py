"""The files a publisher keeps at the site's root: CNAME, .nojekyll, robots.txt, a search console's
verification file. Every build replaces the output folder whole, so they live in the corpus, in its
`site-root/` folder, and are copied as they are, at the same paths, into the root of every build.
"""

from __future__ import annotations

import os
from pathlib import Path

from builder.common.diagnostics import Diagnostics, Mark, display_path

FOLDER = "site-root"
MAX_BYTES = 1_000_000  # a verification file or a robots.txt is a few hundred bytes; the site is not a file store


def read_site_root(root: Path, diagnostics: Diagnostics) -> dict[str, bytes]:
    """Every file under `root`/site-root/ by its path in the site (hidden names too: .nojekyll), in path
    order. Links, names the site cannot hold and files over MAX_BYTES are reported to `diagnostics`."""
    folder = root / FOLDER
    if folder.is_symlink() or not folder.is_dir():
        return {}  # a linked top-level folder is refused where every top-level folder is checked
    out: dict[str, bytes] = {}
    for current, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names + [f for f in folders if os.path.islink(os.path.join(current, f))]):
            path = Path(current) / name
            rel = path.relative_to(folder).as_posix()
            shown = display_path(path)
            if path.is_symlink():
                diagnostics.error(Mark(shown, 0, 0), "symlink", "a symbolic link in site-root/ is not copied",
                                  "put the file itself in site-root/")
            elif "\\" in name or name != name.strip():
                diagnostics.error(Mark(shown, 0, 0), "layout", f"the name '{name}' cannot be a path of the site",
                                  "rename it: no backslash, no leading or trailing space")
            elif not path.is_file():
                diagnostics.error(Mark(shown, 0, 0), "layout", f"'{name}' is not a regular file", "remove it")
            elif path.stat().st_size > MAX_BYTES:
                diagnostics.error(Mark(shown, 1, 1), "text-size",
                                  f"file is {path.stat().st_size:,} bytes, over the {MAX_BYTES:,}-byte limit",
                                  "site-root/ holds small files a host reads (CNAME, robots.txt); publish data elsewhere")
            else:
                out[rel] = path.read_bytes()
        folders[:] = [f for f in folders if not os.path.islink(os.path.join(current, f))]
    return dict(sorted(out.items()))

"""The minimal fixture's site, byte for byte. After an intended change run `make golden` and review the diff."""

from __future__ import annotations

import os
from pathlib import Path

from builder.pipeline.build import check, render_site
from builder.pipeline.settings import Settings, build_time

HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "minimal"
EPOCH = "1750000000"


def render() -> dict[str, bytes]:
    """The fixture's pages (theme assets are left out: a stylesheet edit is not a content change)."""
    # The golden copy is of the HTML and data; test_pdf.py checks PDFs, test_search.py the search index.
    settings = Settings(built=build_time(), pdf=False, search=False)
    files = render_site(check(HERE / "fixtures" / "minimal"), settings).files
    return {path: data for path, data in files.items() if not path.startswith("assets/")}


def test_minimal_site_matches_golden(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()}
    actual = render()
    assert sorted(actual) == sorted(expected), "pages added or removed: run `make golden` if intended"
    changed = [path for path in actual if actual[path] != expected[path]]
    assert not changed, f"output changed in {changed}: run `make golden` and review the diff if intended"


if __name__ == "__main__":  # `make golden`
    import shutil
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for path, data in render().items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"wrote {GOLDEN}")

"""The package layout is the pipeline: each package of builder/ imports only from those before it in
builder.FLOW, and within a package nothing imports a later stage through a side door."""

from __future__ import annotations

import ast
from pathlib import Path

import builder

BUILDER = Path(builder.__file__).resolve().parent


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import of a builder module in one file, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{path}:{node.lineno}: relative import; name the package (builder.<stage>.<module>)")
            if node.module == "builder":
                found.extend((node.lineno, f"builder.{alias.name}") for alias in node.names)
            elif node.module and node.module.startswith("builder."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names if alias.name.startswith("builder."))
    return found


def _package(module: str) -> str:
    return module.split(".")[1]


def test_every_package_is_in_the_flow():
    packages = sorted(p.name for p in BUILDER.iterdir() if (p / "__init__.py").exists())
    assert packages == sorted(builder.FLOW)
    assert [p.name for p in BUILDER.glob("*.py")] == ["__init__.py"], "every module belongs to a stage package"


def test_packages_import_only_from_earlier_stages():
    rank = {name: i for i, name in enumerate(builder.FLOW)}
    wrong = []
    for path in sorted(BUILDER.rglob("*.py")):
        if path.parent == BUILDER:
            continue
        own = path.parent.relative_to(BUILDER).parts[0]
        for line, module in _imports(path):
            other = _package(module)
            if other not in rank:
                wrong.append(f"{path.relative_to(BUILDER.parent)}:{line}: imports unknown package {module}")
            elif rank[other] > rank[own]:
                wrong.append(f"{path.relative_to(BUILDER.parent)}:{line}: {own} imports {module}, a later stage")
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_a_late_import(tmp_path):
    """The rule above is not vacuous: a reading module importing the pipeline is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("from builder.pipeline.build import build\n")
    assert _imports(bad) == [(1, "builder.pipeline.build")]
    assert builder.FLOW.index("pipeline") > builder.FLOW.index("reading")

"""The nodes a content file's YAML is composed into: plain data, each value with where it was written."""

from __future__ import annotations

from typing import NamedTuple, Union

from builder.common.diagnostics import Mark


class Scalar(NamedTuple):
    """A scalar, kept exactly as written; `plain` is False when it was quoted or a block."""

    value: str
    mark: Mark
    plain: bool = True
    block_indent: int = 0  # for `|` and `>` blocks: the content's indentation, to position its lines

    @property
    def is_null(self) -> bool:
        """True for an empty plain value, `~` or `null`, which YAML means as 'nothing'."""
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


class Mapping(NamedTuple):
    """A mapping with string keys in file order; `keys` holds where each key was written."""

    items: dict[str, "Node"]
    keys: dict[str, Mark]
    mark: Mark


class Sequence(NamedTuple):
    """A list of nodes in file order."""

    items: tuple["Node", ...]
    mark: Mark


Node = Union[Scalar, Mapping, Sequence]  # NamedTuples: the loader makes hundreds of thousands

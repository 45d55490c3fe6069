"""The comparison of two frozen versions of a document, section by section, shared by the apps whose documents are
decided or established as immutable versions (coordinated plans, action plans)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

Content = dict[str, Any]


@dataclass(frozen=True)
class SectionChange:
    key: str
    label: Promise
    removed: list[str]
    added: list[str]


def compare_sections(
    older: Content, newer: Content, labels: Mapping[str, Promise], lines: Callable[[Content, str], list[str]]
) -> list[SectionChange]:
    """The sections (`labels`, in their order) that differ between two versions, with the lines removed and added;
    `lines` reads a section of a version as lines of text."""
    changes: list[SectionChange] = []
    for key, label in labels.items():
        before, after = lines(older, key), lines(newer, key)
        if before != after:
            changes.append(
                SectionChange(key, label, [x for x in before if x not in after], [x for x in after if x not in before])
            )
    return changes

"""Secondary suppression: no suppressed count in the statistics can be worked out from the whole period's total
minus the months shown, and no share gives a suppressed count back."""

from __future__ import annotations

import datetime as dt
import itertools

from knutpunkt.plans.statistics import COUNT_COLUMNS, SMALL_CELL, Measures, Row, protect

D = dt.date
MONTHS = [D(2025, 1, 1), D(2025, 2, 1), D(2025, 3, 1), D(2025, 4, 1)]


def _rows(per_month: dict[int, list[Measures]]) -> tuple[list[Row], list[Row]]:
    by_group, by_month = [], []
    for group, measures in per_month.items():
        total = Measures()
        for month, m in zip(MONTHS, measures, strict=False):
            total.add(m)
            by_month.append(Row(group, f"Enhet {group}", month, m))
        by_group.append(Row(group, f"Enhet {group}", None, total))
    return protect(by_group, by_month)


def _possible_values(shown_total: int, shown: list[int], hidden: list[tuple[str, int]], index: int) -> set[int]:
    """Every value the hidden cell at `index` can have, for a reader who sees the total and the shown months and
    knows that a cell marked "färre än 5" holds 1-4 (or nought, which a share next to it may tell: the reader is
    taken to know the noughts) and one marked "dold" at least 5 (brute force)."""
    rest = shown_total - sum(shown)
    ranges = [
        range(value, value + 1)
        if text == "färre än 5" and value == 0
        else range(1, SMALL_CELL)
        if text == "färre än 5"
        else range(SMALL_CELL, rest + 1)
        for text, value in hidden
    ]
    return {values[index] for values in itertools.product(*ranges) if sum(values) == rest}


def _assert_nothing_derivable(by_group: list[Row], by_month: list[Row]) -> None:
    for total_row in by_group:
        months = [row for row in by_month if row.group_id == total_row.group_id]
        for key in COUNT_COLUMNS:
            total = total_row.cells()[key]
            if total.suppressed:
                continue  # no total to subtract from
            shown = [int(row.cells()[key].value or 0) for row in months if not row.cells()[key].suppressed]
            hidden = [
                (row.cells()[key].text, getattr(row.measures, key)) for row in months if row.cells()[key].suppressed
            ]
            for index, (_text, value) in enumerate(hidden):
                if value == 0:
                    continue  # a nought describes nobody
                assert total.value is not None
                possible = _possible_values(int(total.value), shown, hidden, index)
                assert len(possible) > 1, (total_row.label, key, hidden, possible)


def test_a_single_small_month_is_not_left_to_subtraction() -> None:
    by_group, by_month = _rows({1: [Measures(requested=6), Measures(requested=5), Measures(requested=2)]})
    cells = [row.cells()["requested"] for row in by_month]
    assert [cell.text for cell in cells] == ["6", "dold", "färre än 5"]
    assert by_group[0].cells()["requested"].text == "13"
    _assert_nothing_derivable(by_group, by_month)


def test_one_and_a_five_are_not_enough_to_hide_each_other() -> None:
    # Hidden together they add up to six: a reader would know the one is 1 and the five is 5.
    by_group, by_month = _rows(
        {1: [Measures(requested=1), Measures(requested=5), Measures(requested=6), Measures(requested=9)]}
    )
    texts = [row.cells()["requested"].text for row in by_month]
    assert texts == ["färre än 5", "dold", "dold", "9"]
    _assert_nothing_derivable(by_group, by_month)


def test_a_month_with_none_is_not_protected() -> None:
    by_group, by_month = _rows({1: [Measures(requested=0), Measures(requested=7)]})
    assert [row.cells()["requested"].text for row in by_month] == ["färre än 5", "7"]
    assert by_group[0].cells()["requested"].text == "7"


def test_the_total_is_hidden_when_nothing_else_can_be() -> None:
    by_group, by_month = _rows({1: [Measures(requested=3), Measures(requested=7)]})
    assert [row.cells()["requested"].text for row in by_month] == ["färre än 5", "dold"]
    # One and five: hiding the five too would still give both away (they must add up to six).
    by_group, by_month = _rows({1: [Measures(requested=1), Measures(requested=5)]})
    assert by_group[0].cells()["requested"].text == "dold"
    _assert_nothing_derivable(by_group, by_month)


def test_a_share_is_hidden_with_the_count_it_is_a_share_of() -> None:
    _by_group, by_month = _rows(
        {
            1: [
                Measures(deadline_due=6, deadline_met=3),
                Measures(deadline_due=5, deadline_met=5),
                Measures(deadline_due=2),
            ]
        }
    )
    february = by_month[1].cells()
    assert (february["deadline_due"].text, february["deadline_share"].text) == ("dold", "dold")
    assert february["deadline_share"].value is None


def test_the_share_that_did_not_take_part_is_hidden_with_a_small_count() -> None:
    [total], _months = _rows({1: [Measures(invited=7, declined=2, absent=1)]})
    cells = total.cells()
    assert cells["invited"].text == "7"
    assert cells["did_not_take_part"].text == "färre än 5"
    assert cells["did_not_take_part_share"].suppressed and cells["did_not_take_part_share"].value is None


def test_no_suppressed_count_can_be_derived_in_many_lines() -> None:
    lines = {
        group: [Measures(requested=(group * 7 + month * 3) % 11, invited=(group + month * 5) % 9) for month in range(4)]
        for group in range(1, 30)
    }
    _assert_nothing_derivable(*_rows(lines))

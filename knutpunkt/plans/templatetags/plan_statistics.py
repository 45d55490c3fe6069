"""Template tags for the statistics tables: `{% load plan_statistics %}{% statistics_rows rows show_month %}`.

A year of months for a dozen units is a few hundred rows of a dozen cells each. Written out by the template engine,
one `{% if %}` and one variable per cell, they cost more than every query of the page together; here each row is
one escaped string. The markup is the same as a template loop would write.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from knutpunkt.plans.charts import ChartRow
from knutpunkt.plans.statistics import Cell, Row

register = template.Library()


def _cell(cell: Cell) -> str:
    text = escape(cell.text)
    return f'<td class="suppressed">{text}</td>' if cell.suppressed else f"<td>{text}</td>"


@register.simple_tag
def statistics_rows(rows: list[Row], show_month: bool) -> SafeString:
    """The table body's rows: the group, the month (when shown) and the cells in the order of COLUMNS."""
    lines = []
    for row in rows:
        month = f"<td>{escape(row.month_label)}</td>" if show_month else ""
        cells = "".join(_cell(cell) for cell in row.cell_list())
        lines.append(f'<tr>\n      <th scope="row">{escape(row.label)}</th>{month}{cells}\n    </tr>')
    return mark_safe("\n    ".join(lines))  # noqa: S308 - every value above is escaped (html.escape, as Django's escape)


@register.simple_tag
def chart_rows(rows: list[ChartRow]) -> SafeString:
    """The rows of the table under a chart: group, month and the number as shown."""
    lines = (
        f'<tr><th scope="row">{escape(row.group)}</th><td>{escape(row.month)}</td><td>{escape(row.cell.text)}</td></tr>'
        for row in rows
    )
    return mark_safe("\n    ".join(lines))  # noqa: S308 - every value is escaped

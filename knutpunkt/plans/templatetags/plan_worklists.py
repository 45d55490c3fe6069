"""Template tags for the work lists: `{% load plan_worklists %}{% work_item_rows work.items %}` and
`{% reminder_items work.reminders back %}`, and the list of plans: `{% plan_list_rows rows %}`.

A busy unit's list has a hundred rows or more; written out by the template engine, a dozen lookups and conditions
per row cost more than the list's queries. Here each row is one string, with the markup the template loop wrote
(plans/worklists/work.html before): every value escaped.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils import dateformat, formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knutpunkt.plans.models import Plan
from knutpunkt.plans.progress import DeadlineState
from knutpunkt.plans.worklists import Links, ReminderItem, WorkItem

register = template.Library()


def _badge(item: WorkItem) -> str:
    if item.overdue:
        return "badge badge--danger"
    return "badge badge--warn" if item.days_left <= 3 else "badge"


def _link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}">{escape(text)}</a>' if url else escape(text)


@register.simple_tag
def work_item_rows(items: list[WorkItem]) -> SafeString:
    """The rows of the work table: days left, what to do (and where), the person, the date it is due by."""
    protected = f'<br><span class="protected-marker">{escape(_("Skyddade personuppgifter"))}</span>'
    labels: dict[str, str] = {}
    rows = []
    for item in items:
        label = labels.get(item.kind) or labels.setdefault(item.kind, escape(item.kind.label))
        person = item.plan.person
        rows.append(
            "<tr>\n"
            f'      <td><span class="{_badge(item)}">{escape(item.days_text)}</span></td>\n'
            f"      <td>\n        <strong>{label}</strong><br>\n"
            f"        {_link(item.action_url, item.what)}\n      </td>\n"
            f"      <td>\n        {_link(item.plan_url, person.full_name)}\n"
            f"        {protected if person.is_protected else ''}\n      </td>\n"
            f"      <td>{item.due_on:%Y-%m-%d}</td>\n"
            "    </tr>"
        )
    return mark_safe("\n    ".join(rows))  # noqa: S308 - every value is escaped (html.escape, as Django's escape)


_DANGER = {"deadline_passed", "commitment_overdue", "followup_overdue"}


@register.simple_tag(takes_context=True)
def reminder_items(context: template.Context, reminders: list[ReminderItem], back: str) -> SafeString:
    """The reminders as list items, each with its dismissal form (htmx swaps the item for a status message)."""
    csrf = CsrfTokenNode().render(context)  # what {% csrf_token %} writes
    dismiss = escape(_("Avfärda"))
    items = []
    for item in reminders:
        reminder = item.reminder
        text = reminder.text
        badge = "badge badge--danger" if reminder.kind in _DANGER else "badge"
        plan = escape(_("SIP för %(name)s") % {"name": reminder.plan.person.full_name})
        link = f'<a href="{escape(item.plan_url)}">{plan}</a>' if item.plan_url else plan
        hidden = escape(_("påminnelsen: %(message)s") % {"message": text})
        url = escape(item.dismiss_url)
        items.append(
            f'<li class="reminder">\n  <span class="{badge}">{escape(reminder.kind_label)}</span>\n'
            f"  {escape(text)}\n  {link}\n"
            f'  <form method="post" action="{url}" class="inline-form"\n'
            f'        hx-post="{url}" hx-target="closest li" hx-swap="outerHTML">\n'
            f"    {csrf}\n"
            f'    <input type="hidden" name="tillbaka" value="{escape(back)}">\n'
            f'    <button type="submit" class="button button--small button--secondary">{dismiss}'
            f'<span class="visually-hidden"> {hidden}</span></button>\n'
            "  </form>\n</li>"
        )
    return mark_safe("\n  ".join(items))  # noqa: S308 - every value is escaped (html.escape, as Django's escape)


def _date(day: dt.date | None, date_format: str) -> str:
    return dateformat.format(day, date_format) if day else "–"


def _deadline(plan: Plan, state: DeadlineState) -> str:
    if state.met:
        if state.met_in_time:
            return f'<span class="badge badge--ok">{escape(_("Klarad i tid"))}</span>'
        return f'<span class="badge badge--danger">{escape(_("Klarad för sent"))}</span>'
    if plan.is_closed:
        return ""
    if state.overdue:
        days = state.days_overdue
        text = ngettext("%(days)s dag försenad", "%(days)s dagar försenad", days) % {"days": days}
        return f'<span class="badge badge--danger">{escape(text)}</span>'
    days = state.days_left
    text = ngettext("%(days)s dag kvar", "%(days)s dagar kvar", days) % {"days": days}
    return f'<span class="{"badge badge--warn" if days <= 3 else "badge"}">{escape(text)}</span>'


@register.simple_tag
def plan_list_rows(rows: list[tuple[Plan, str, DeadlineState]]) -> SafeString:
    """The rows of the list of plans: the person (a link to the plan), agreement, step, deadline, next follow-up and
    the requesting unit."""
    date_format = str(formats.get_format("SHORT_DATE_FORMAT"))
    protected = f'<span class="protected-marker">{escape(_("Skyddade personuppgifter"))}</span>'
    detail = Links("plans:detail", "plan_uuid")
    lines = []
    for plan, step, state in rows:
        person = plan.person
        lines.append(
            "<tr>\n"
            f'        <th scope="row"><a href="{escape(detail(plan.uuid))}">{escape(person.full_name)}</a>\n'
            f"          {protected if person.is_protected else ''}</th>\n"
            f"        <td>{escape(plan.profile.name)}</td>\n"
            f"        <td>{escape(step)}</td>\n"
            f"        <td>{_date(state.deadline, date_format)}\n          {_deadline(plan, state)}</td>\n"
            f"        <td>{_date(plan.next_followup_on, date_format)}</td>\n"
            f"        <td>{escape(str(plan.initiating_unit))}</td>\n"
            "      </tr>"
        )
    return mark_safe("\n      ".join(lines))  # noqa: S308 - every value is escaped (html.escape, as Django's escape)

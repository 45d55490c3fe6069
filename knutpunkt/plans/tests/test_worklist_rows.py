"""The work lists' rows are written by template tags for speed: their markup must be what the template loops
wrote, kept here as they were, with escaping, badges, links and the protected-person marker."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.template import engines
from django.test import RequestFactory

from knutpunkt.people.models import Person, Protection
from knutpunkt.plans.models import Commitment, Plan, Reminder, ReminderKind
from knutpunkt.plans.worklists import ItemKind, ReminderItem, WorkItem

ITEMS_LOOP = """{% load i18n %}{% for item in items %}
<tr>
  <td><span class="badge{% if item.overdue %} badge--danger{% elif item.days_left <= 3 %} badge--warn{% endif %}">
  {{ item.days_text }}</span></td>
  <td><strong>{{ item.kind.label }}</strong><br>
    {% if item.action_url %}<a href="{{ item.action_url }}">{{ item.what }}</a>{% else %}{{ item.what }}{% endif %}
  </td>
  <td>
    {% if item.plan_url %}<a href="{{ item.plan_url }}">{{ item.plan.person.full_name }}</a>
    {% else %}{{ item.plan.person.full_name }}{% endif %}
    {% if item.plan.person.is_protected %}<br><span class="protected-marker">
    {% translate "Skyddade personuppgifter" %}</span>{% endif %}
  </td>
  <td>{{ item.due_on|date:"Y-m-d" }}</td>
</tr>{% endfor %}"""

REMINDERS_LOOP = """{% load i18n %}{% translate "Avfärda" as dismiss_label %}{% for item in reminders %}
<li class="reminder">
  {% with k=item.reminder.kind %}<span class="badge{% if k == 'deadline_passed' or k == 'commitment_overdue' %}
  badge--danger{% elif k == 'followup_overdue' %} badge--danger{% endif %}">{{ item.reminder.kind_label }}</span>
  {% endwith %}
  {% with text=item.reminder.text name=item.reminder.plan.person.full_name %}{{ text }}
  {% if item.plan_url %}<a href="{{ item.plan_url }}">{% blocktranslate %}SIP för {{ name }}{% endblocktranslate %}</a>
  {% else %}{% blocktranslate %}SIP för {{ name }}{% endblocktranslate %}{% endif %}
  <form method="post" action="{{ item.dismiss_url }}" class="inline-form"
        hx-post="{{ item.dismiss_url }}" hx-target="closest li" hx-swap="outerHTML">
    {% csrf_token %}
    <input type="hidden" name="tillbaka" value="{{ back }}">
    <button type="submit" class="button button--small button--secondary">{{ dismiss_label }}
  <span class="visually-hidden">{% blocktranslate with message=text %}påminnelsen: {{ message }}{% endblocktranslate %}
    </span></button>
  </form>{% endwith %}
</li>{% endfor %}"""


def _plan(first_name: str, protection: str = Protection.NONE) -> Plan:
    return Plan(uuid=uuid.uuid4(), person=Person(first_name=first_name, last_name="Lind & <Co>", protection=protection))


def _items() -> list[WorkItem]:
    plain, protected = _plan("Elsa"), _plan('Sam "S"', Protection.PROTECTED_REGISTRATION)
    commitment = Commitment(uuid=uuid.uuid4(), what="Boka <samtal>")
    day = dt.date(2025, 3, 1)
    return [
        WorkItem(ItemKind.REQUEST, plain, day, -4, "Kalla till möte", plain, "/sip/1/", "/sip/1/"),
        WorkItem(ItemKind.COMMITMENT, protected, day, 2, commitment.what, commitment, "/sip/2/?a=1&b=2", ""),
        WorkItem(ItemKind.FOLLOWUP, plain, day, 10, "Följ upp planen", plain, "", ""),
    ]


def _reminders() -> list[ReminderItem]:
    def reminder(kind: str, params: dict[str, str] | None) -> Reminder:
        return Reminder(uuid=uuid.uuid4(), kind=kind, params=params, message="Gammal <text>", plan=_plan("Elsa"))

    return [
        ReminderItem(reminder(ReminderKind.DEADLINE_PASSED, {"date": "2025-03-01"}), "/sip/1/", "/sip/p/1/avfarda/"),
        ReminderItem(reminder(ReminderKind.MEETING_SOON, {"date": "2025-03-02", "time": "09:00"}), "", "/sip/p/2/"),
        ReminderItem(reminder(ReminderKind.INVITATION_DECLINED, None), "/sip/3/", "/sip/p/3/"),
    ]


def _html(source: str, context: dict[str, object]) -> str:
    request = RequestFactory().get("/")
    html = engines["django"].from_string(source).render(context, request)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value=""', html)
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html.strip())  # whitespace next to tags is the templates' layout


def test_the_item_rows_are_what_the_template_loop_wrote() -> None:
    tag = "{% load plan_worklists %}{% work_item_rows items %}"
    assert _html(tag, {"items": _items()}) == _html(ITEMS_LOOP, {"items": _items()})


@pytest.mark.parametrize("back", ["my_work", 'unit_work"'])
def test_the_reminders_are_what_the_template_loop_wrote(back: str) -> None:
    tag = "{% load plan_worklists %}{% reminder_items reminders back %}"
    context: dict[str, object] = {"reminders": _reminders(), "back": back}
    assert _html(tag, context) == _html(REMINDERS_LOOP, context)

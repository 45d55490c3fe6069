"""The plan's contents page: sections in order, rows added, changed and removed, read-only for those who only read,
and a save from a stale lock version refused with the other person's values shown and nothing lost."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from knutpunkt.audit.models import AuditEvent
from knutpunkt.plans import actions
from knutpunkt.plans.models import Commitment, Intervention, Need, Plan
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, fill_contents, make_profiles, planning_plan, summoned_plan

HTMX = {"HX-Request": "true"}


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


@pytest.fixture
def plan(cast: Cast, world: PlanWorld) -> Plan:
    return planning_plan(cast, world)


def _url(name: str, plan: Plan, **kwargs: Any) -> str:
    return reverse(f"plans:{name}", kwargs={"plan_uuid": plan.uuid, **kwargs})


def _add(client: Client, plan: Plan, slug: str, data: dict[str, Any], **headers: str) -> Any:
    plan.refresh_from_db()
    return client.post(
        _url("item_add", plan) + f"?typ={slug}", {"lock_version": plan.lock_version, **data}, headers=headers
    )


def test_the_page_starts_with_the_persons_own_words_and_ends_with_responsibility(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    body = cast.client(cast.anna).get(_url("content", plan)).content.decode()
    order = [
        "Personens egna mål och det som är viktigt",
        "Behov",
        "Kommunens ansvar",
        "Regionens ansvar",
        "Andra aktörers åtgärder",
        "Mätbara mål",
        "Åtaganden – vem gör vad och när",
        "Kontaktpersoner",
        "Övergripande ansvar och uppföljning",
    ]
    positions = [body.index(f">{heading}</h") for heading in order]
    assert positions == sorted(positions)
    assert "Jag vill klara en hel skoldag och ha en kompis." in body
    assert body.count("<h1") == 1


def test_interventions_are_grouped_by_the_responsible_principal(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    body = cast.client(cast.anna).get(_url("content", plan)).content.decode()
    municipality = body[body.index(">Kommunens ansvar<") : body.index(">Regionens ansvar<")]
    region = body[body.index(">Regionens ansvar<") : body.index(">Andra aktörers åtgärder<")]
    assert "Familjebehandling" in municipality and "Behandling för ångest" not in municipality
    assert "Behandling för ångest" in region


def test_the_outsider_is_refused_every_content_page(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    need = plan.needs.get()
    commitment = plan.commitments.get()
    olle = cast.client(cast.olle)
    urls = [
        _url("content", plan),
        _url("content_text", plan),
        _url("content_responsibility", plan),
        _url("item_add", plan) + "?typ=behov",
        _url("item_edit", plan, item_uuid=need.uuid),
        _url("item_remove", plan, item_uuid=need.uuid),
        _url("commitment_status", plan, commitment_uuid=commitment.uuid),
    ]
    for url in urls:
        assert olle.get(url).status_code in {404, 405}, url
        assert olle.post(url, {"lock_version": plan.lock_version, "description": "x"}).status_code in {404, 405}, url
    assert plan.needs.get().description == "Tryggare skolgång"


def test_staff_add_a_need_without_javascript(cast: Cast, plan: Plan) -> None:
    response = _add(cast.client(cast.anna), plan, "behov", {"description": "Stöd i skolan"})
    assert response.status_code == 302
    assert response["Location"] == _url("content", plan) + "#section-need"
    assert plan.needs.get().description == "Stöd i skolan"
    assert AuditEvent.objects.filter(event="plan.item_added", actor=cast.anna).exists()


def test_an_htmx_add_returns_the_section_and_tells_the_page_the_new_lock_version(cast: Cast, plan: Plan) -> None:
    before = plan.lock_version
    response = _add(cast.client(cast.anna), plan, "behov", {"description": "Stöd i skolan"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<section id="section-need"')
    assert "Stöd i skolan" in body and "Raden är tillagd." in body
    assert f'"from": {before}, "to": {before + 1}' in response["HX-Trigger"]


def test_the_add_form_comes_in_place_with_htmx_and_as_a_page_without(cast: Cast, plan: Plan) -> None:
    anna = cast.client(cast.anna)
    fragment = anna.get(_url("item_add", plan) + "?typ=mal", headers=HTMX).content.decode()
    assert fragment.startswith('<div id="add-goal"') and "<html" not in fragment
    assert 'hx-post="' in fragment and "autofocus" in fragment
    page = anna.get(_url("item_add", plan) + "?typ=mal").content.decode()
    assert "<h1>Lägg till mål</h1>" in page and "hx-post" not in page
    assert anna.get(_url("item_add", plan) + "?typ=okant").status_code == 404


def test_an_invalid_row_is_shown_again_with_the_error_in_place(cast: Cast, plan: Plan) -> None:
    today = timezone.localdate()
    response = _add(
        cast.client(cast.anna),
        plan,
        "atagande",
        {"what": "Ringa skolan", "who": "person", "starts_on": today, "due_on": today - dt.timedelta(days=1)},
        **HTMX,
    )
    body = response.content.decode()
    assert response["HX-Retarget"] == "#add-commitment"
    assert "kan inte ligga före startdatumet" in body
    assert "Ringa skolan" in body
    assert not plan.commitments.exists()


def test_a_commitment_by_the_person_and_one_by_a_unit(cast: Cast, plan: Plan) -> None:
    today = timezone.localdate()
    anna = cast.client(cast.anna)
    dates = {"starts_on": today, "due_on": today + dt.timedelta(days=7)}
    _add(anna, plan, "atagande", {"what": "Gå till skolan måndagar", "who": "person", **dates})
    _add(anna, plan, "atagande", {"what": "Boka samtal", "who": str(cast.bup_unit.uuid), **dates})
    by_person, by_unit = plan.commitments.order_by("id")
    assert by_person.by_person and by_person.unit is None
    assert by_unit.unit == cast.bup_unit and not by_unit.by_person


def test_a_commitment_cannot_go_to_a_unit_outside_the_plan(cast: Cast, plan: Plan) -> None:
    today = timezone.localdate()
    response = _add(
        cast.client(cast.anna),
        plan,
        "atagande",
        {"what": "x", "who": str(cast.arvika_unit.uuid), "starts_on": today, "due_on": today},
    )
    assert response.status_code == 200
    assert not plan.commitments.exists()


def test_an_intervention_by_another_actor_may_name_any_active_organisation_but_a_unit_must_match(
    cast: Cast, plan: Plan
) -> None:
    anna = cast.client(cast.anna)
    page = anna.get(_url("item_add", plan) + "?typ=insats").content.decode()
    assert "Socialtjänsten Arvika" not in page  # a municipality not on the plan is not an "other actor"
    response = _add(
        anna,
        plan,
        "insats",
        {"description": "Samtal", "organisation": str(cast.social_karlstad.uuid), "unit": str(cast.bup_unit.uuid)},
    )
    assert "Enheten hör inte till den valda organisationen." in response.content.decode()
    assert not Intervention.objects.filter(plan=plan).exists()


def test_staff_change_a_row_in_place(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    need = plan.needs.get()
    anna = cast.client(cast.anna)
    form = anna.get(_url("item_edit", plan, item_uuid=need.uuid), headers=HTMX).content.decode()
    assert form.startswith(f'<tr id="item-{need.uuid}"')
    assert "Tryggare skolgång" in form
    plan.refresh_from_db()
    response = anna.post(
        _url("item_edit", plan, item_uuid=need.uuid),
        {"lock_version": plan.lock_version, "description": "Trygg skolgång varje dag"},
        headers=HTMX,
    )
    assert "Trygg skolgång varje dag" in response.content.decode()
    need.refresh_from_db()
    assert need.description == "Trygg skolgång varje dag"


def test_removing_a_row_asks_first_and_then_marks_it_removed(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    need = plan.needs.get()
    anna = cast.client(cast.anna)
    confirmation = anna.get(_url("item_remove", plan, item_uuid=need.uuid)).content.decode()
    assert "Tryggare skolgång" in confirmation and "finns kvar i de versioner" in confirmation
    plan.refresh_from_db()
    response = anna.post(_url("item_remove", plan, item_uuid=need.uuid), {"lock_version": plan.lock_version})
    assert response.status_code == 302
    assert Need.objects.get(pk=need.pk).removed
    page = anna.get(_url("content", plan)).content.decode()
    needs_section = page[page.index('id="section-need"') : page.index('id="section-intervention"')]
    assert "Tryggare skolgång" not in needs_section
    assert anna.get(_url("item_edit", plan, item_uuid=need.uuid)).status_code == 404


def test_the_person_text_and_overall_responsibility_are_saved(cast: Cast, plan: Plan) -> None:
    anna = cast.client(cast.anna)
    anna.post(
        _url("content_text", plan),
        {
            "lock_version": plan.lock_version,
            "person_goals": "Jag vill spela fotboll igen.",
            "what_matters": "Mina kompisar",
            "person_own_part": "Jag går och lägger mig i tid.",
        },
    )
    plan.refresh_from_db()
    next_date = timezone.localdate() + dt.timedelta(days=30)
    response = anna.post(
        _url("content_responsibility", plan),
        {
            "lock_version": plan.lock_version,
            "overall_responsible": str(cast.social_karlstad.uuid),
            "next_followup_on": next_date,
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.person_goals == "Jag vill spela fotboll igen."
    assert plan.overall_responsible == cast.social_karlstad
    assert plan.next_followup_on == next_date


def test_overall_responsibility_is_offered_only_to_principals_taking_part(cast: Cast, plan: Plan) -> None:
    page = cast.client(cast.anna).get(_url("content", plan)).content.decode()
    select = re.search(r'<select name="overall_responsible".*?</select>', page, re.S)
    assert select is not None
    assert "Socialtjänsten Karlstad" in select.group(0) and "BUP Värmland" in select.group(0)
    assert "Socialtjänsten Arvika" not in select.group(0)


def test_the_follow_up_date_is_suggested_from_the_agreement(cast: Cast, plan: Plan) -> None:
    page = cast.client(cast.anna).get(_url("content", plan)).content.decode()
    suggested = timezone.localdate() + dt.timedelta(days=plan.profile.followup_days)
    assert f'value="{suggested:%Y-%m-%d}"' in page


def test_the_region_taking_part_edits_the_contents(cast: Cast, plan: Plan) -> None:
    response = _add(cast.client(cast.cecilia), plan, "behov", {"description": "Hjälp med sömnen"})
    assert response.status_code == 302
    assert plan.needs.get().description == "Hjälp med sömnen"


def test_a_region_only_invited_reads_the_plan_but_cannot_edit(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, _invitation = summoned_plan(cast, world)  # BUP has not answered yet
    cecilia = cast.client(cast.cecilia)
    page = cecilia.get(_url("content", plan)).content.decode()
    assert "Du kan läsa planen men inte ändra den" in page
    assert "<form" not in page.split('id="main"')[1].split("</main>")[0].replace('action="/i18n/setlang/"', "")
    assert _add(cecilia, plan, "behov", {"description": "x"}).status_code == 404


def test_a_closed_plan_is_read_only(cast: Cast, plan: Plan) -> None:
    actions.close_plan(cast.actor(cast.anna), plan, "no_longer_needed")
    page = cast.client(cast.anna).get(_url("content", plan)).content.decode()
    assert "Planen är avslutad och kan inte ändras." in page
    assert _add(cast.client(cast.anna), plan, "behov", {"description": "x"}).status_code == 404


def test_a_stale_save_is_refused_and_shows_the_other_persons_value_next_to_the_users(cast: Cast, plan: Plan) -> None:
    opened = plan.lock_version
    anna, bo = cast.client(cast.anna), cast.client(cast.bo)
    anna.post(
        _url("content_text", plan),
        {"lock_version": opened, "person_goals": "Annas text", "what_matters": "", "person_own_part": ""},
    )
    response = bo.post(
        _url("content_text", plan),
        {"lock_version": opened, "person_goals": "Bos text", "what_matters": "", "person_own_part": ""},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Någon annan har sparat planen medan du arbetade" in body
    assert "Annas text" in body and "Bos text" in body  # saved now, and the input kept
    plan.refresh_from_db()
    assert plan.person_goals == "Annas text"
    assert f'name="lock_version" value="{plan.lock_version}"' in body  # saving again goes on top

    again = bo.post(
        _url("content_text", plan),
        {"lock_version": plan.lock_version, "person_goals": "Bos text", "what_matters": "", "person_own_part": ""},
    )
    assert again.status_code == 302
    plan.refresh_from_db()
    assert plan.person_goals == "Bos text"


def test_a_stale_row_change_shows_the_saved_row_in_place(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    need = plan.needs.get()
    opened = plan.lock_version
    cast.client(cast.anna).post(
        _url("item_edit", plan, item_uuid=need.uuid), {"lock_version": opened, "description": "Annas behov"}
    )
    response = cast.client(cast.cecilia).post(
        _url("item_edit", plan, item_uuid=need.uuid),
        {"lock_version": opened, "description": "Cecilias behov"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response["HX-Retarget"] == f"#item-{need.uuid}"
    assert "Någon annan har sparat planen" in body
    assert "Annas behov" in body and "Cecilias behov" in body
    assert Need.objects.get(pk=need.pk).description == "Annas behov"


def test_a_stale_new_row_shows_what_the_section_holds_now(cast: Cast, plan: Plan) -> None:
    opened = plan.lock_version
    anna, bo = cast.client(cast.anna), cast.client(cast.bo)
    anna.post(_url("item_add", plan) + "?typ=behov", {"lock_version": opened, "description": "Annas behov"})
    response = bo.post(_url("item_add", plan) + "?typ=behov", {"lock_version": opened, "description": "Bos behov"})
    body = response.content.decode()
    assert "Någon annan har sparat planen" in body and "Annas behov" in body and "Bos behov" in body
    assert list(plan.needs.values_list("description", flat=True)) == ["Annas behov"]


def test_a_stale_removal_is_refused(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    need = plan.needs.get()
    response = cast.client(cast.anna).post(
        _url("item_remove", plan, item_uuid=need.uuid), {"lock_version": plan.lock_version - 1}
    )
    assert "Någon annan har sparat planen" in response.content.decode()
    assert not Need.objects.get(pk=need.pk).removed


def test_a_section_comes_back_alone_for_htmx(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    body = cast.client(cast.anna).get(_url("content", plan) + "?avsnitt=atagande", headers=HTMX).content.decode()
    assert body.startswith('<section id="section-commitment"') and "Boka samtal" in body


def test_reading_the_contents_is_logged(cast: Cast, plan: Plan) -> None:
    cast.client(cast.cecilia).get(_url("content", plan))
    assert AuditEvent.objects.filter(event="plan.viewed", actor=cast.cecilia, person=cast.elsa).exists()


def test_no_commitment_status_form_for_a_unit_that_is_not_responsible(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    today = timezone.localdate()
    actions.save_item(
        cast.actor(cast.anna),
        plan,
        plan.lock_version,
        "commitment",
        {"what": "Hembesök", "unit": cast.barn_och_unga, "starts_on": today, "due_on": today},
    )
    page = cast.client(cast.cecilia).get(_url("content", plan)).content.decode()
    bup = Commitment.objects.get(what="Boka samtal")
    ours = Commitment.objects.get(what="Hembesök")
    assert _url("commitment_status", plan, commitment_uuid=bup.uuid) in page
    assert _url("commitment_status", plan, commitment_uuid=ours.uuid) not in page

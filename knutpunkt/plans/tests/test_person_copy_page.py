"""The person's copy ("Din plan"): from the latest established version, their own goals first, in plain words,
with whom to call and when the plan is followed up; never the identity number or anyone else's secrets; printable
and as a tagged PDF (PDF/UA) in Swedish."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knutpunkt.audit.extract import render_pdf
from knutpunkt.audit.models import AuditEvent
from knutpunkt.people.models import Consent
from knutpunkt.plans import actions
from knutpunkt.plans.models import Plan
from knutpunkt.plans.views.person_copy import render_document
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import FICTIONAL_PHONE, PlanWorld, established_plan, make_profiles, planning_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


@pytest.fixture
def plan(cast: Cast, world: PlanWorld) -> Plan:
    return established_plan(cast, world)


def _url(plan: Plan, pdf: bool = False) -> str:
    return reverse("plans:person_copy_pdf" if pdf else "plans:person_copy", kwargs={"plan_uuid": plan.uuid})


def _numbers(cast: Cast) -> list[str]:
    number = cast.elsa.identity_number
    return [number, number[2:], f"{number[:8]}-{number[8:]}", f"{number[2:8]}-{number[8:]}"]


def test_the_outsider_is_refused(cast: Cast, plan: Plan) -> None:
    olle = cast.client(cast.olle)
    assert olle.get(_url(plan)).status_code == 404
    assert olle.get(_url(plan, pdf=True)).status_code == 404
    assert not AuditEvent.objects.filter(event="plan.person_copy").exists()


def test_the_copy_puts_the_persons_own_goals_first(cast: Cast, plan: Plan) -> None:
    body = cast.client(cast.anna).get(_url(plan)).content.decode()
    copy = body[body.index('<article class="person-copy"') :]
    assert copy.index("<h1>Din plan</h1>") < copy.index("Dina mål") < copy.index("Vem gör vad och när")
    assert copy.index("Jag vill klara en hel skoldag och ha en kompis.") < copy.index("Boka samtal")
    assert "SIP betyder samordnad individuell plan" in copy
    assert "Elsa Lind" in copy


def test_the_copy_says_who_does_what_by_when_and_whom_to_call(cast: Cast, plan: Plan) -> None:
    body = cast.client(cast.anna).get(_url(plan)).content.decode()
    assert "Vem – gör vad – när" in body
    assert "BUP Karlstad, BUP Värmland" in body and "Boka samtal" in body
    assert "Cecilia Carlsson" in body and FICTIONAL_PHONE in body
    assert "Socialtjänsten Karlstad har huvudansvaret och håller ihop planen." in body
    assert "träffas vi igen" in body


def test_the_copy_holds_no_identity_number_and_no_secrets_of_others(cast: Cast, plan: Plan) -> None:
    Consent.objects.filter(pk=cast.elsa_consent.pk).update(excluded_information="Pappans missbruk")
    body = cast.client(cast.anna).get(_url(plan)).content.decode()
    for number in _numbers(cast):
        assert number not in body
    assert "Pappans missbruk" not in body
    document = render_document(plan.versions.get())
    assert not any(number in document for number in _numbers(cast))


def test_the_copy_is_built_from_the_established_version_not_the_draft(cast: Cast, plan: Plan) -> None:
    actions.update_plan_text(cast.actor(cast.anna), plan, plan.lock_version, {"person_goals": "Ett utkast"})
    body = cast.client(cast.anna).get(_url(plan)).content.decode()
    assert "Ett utkast" not in body and "Jag vill klara en hel skoldag" in body


def test_the_persons_own_commitments_are_addressed_to_them(cast: Cast, plan: Plan) -> None:
    today = plan.requested_on
    actions.save_item(
        cast.actor(cast.anna),
        plan,
        plan.lock_version,
        "commitment",
        {"what": "Gå och lägga mig före tio", "by_person": True, "starts_on": today, "due_on": today},
    )
    actions.establish(cast.actor(cast.anna), plan, plan.lock_version)
    body = cast.client(cast.anna).get(_url(plan)).content.decode()
    assert "Du själv eller din familj" in body and "Personen själv" not in body


def test_without_an_established_version_the_page_says_so(cast: Cast, world: PlanWorld) -> None:
    draft = planning_plan(cast, world)
    anna = cast.client(cast.anna)
    assert "Det finns ingen fastställd plan ännu." in anna.get(_url(draft)).content.decode()
    assert anna.get(_url(draft, pdf=True)).status_code == 404


def test_making_the_copy_is_logged(cast: Cast, plan: Plan) -> None:
    cast.client(cast.cecilia).get(_url(plan))
    assert AuditEvent.objects.filter(event="plan.person_copy", actor=cast.cecilia, person=cast.elsa).exists()


def test_the_pdf_is_a_pdf_without_the_name_in_the_file_name(cast: Cast, plan: Plan) -> None:
    response = cast.client(cast.anna).get(_url(plan, pdf=True))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "din-plan-" in response["Content-Disposition"] and "Elsa" not in response["Content-Disposition"]
    assert AuditEvent.objects.filter(event="plan.person_copy", actor=cast.anna).exists()


def test_the_pdf_is_tagged_for_screen_readers_and_in_swedish(cast: Cast, plan: Plan) -> None:
    pdf = render_pdf(render_document(plan.versions.get()), compress=False)
    assert pdf.startswith(b"%PDF")
    assert b"/StructTreeRoot" in pdf
    assert b"/Lang (sv)" in pdf
    assert b"Din plan" in pdf  # the document title


def test_the_printed_page_hides_the_staff_tools(cast: Cast, plan: Plan) -> None:
    body = cast.client(cast.anna).get(_url(plan)).content.decode()
    assert 'class="person-copy-tools"' in body and 'lang="sv"' in body

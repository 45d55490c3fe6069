"""The whole SIP journey through the real pages, with three organisations and the person, axe on every page.

Socialtjänsten Karlstad (Anna) records Elsa's and her guardians' consent naming BUP Värmland and Elevhälsan,
requests the plan, prepares it with Elsa, books the meeting and invites three units. BUP Karlstad (Cecilia) and
Elevhälsan (Sara) accept; BUP Mellanvård (Dan) declines with a reason Anna sees. The meeting is held, the plan is
written and established, followed up, given to Elsa as her own copy and closed.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from knutpunkt.accounts.models import User
from knutpunkt.organisations.models import Branch, Membership, Organisation, OrganisationKind, Role, Unit
from knutpunkt.plans.models import InvitationStatus, Meeting, Plan, PlanStatus
from knutpunkt.testing.browser import BrowserWorld, sign_in
from knutpunkt.testing.cast import PASSWORD
from knutpunkt.testing.plans import FICTIONAL_PHONE, make_profiles

pytestmark = pytest.mark.browser


def _staff(world: BrowserWorld, username: str, first: str, last: str, unit: Unit) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=first, last_name=last)
    Membership.objects.create(user=user, unit=unit, role=Role.STAFF)
    key = os.urandom(20)
    TOTPDevice.objects.create(user=user, name="Knutpunkt", confirmed=True, key=key.hex())
    world.totp_keys[username] = key
    return user


def _switch_user(page: Page, world: BrowserWorld, user: User) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("status")).to_contain_text("Du är utloggad")
    sign_in(page, world, user)


def _answer(page: Page, world: BrowserWorld, user: User, *, accept: bool) -> None:
    _switch_user(page, world, user)
    page.goto("/sip/inbjudningar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbjudningar till min enhet")
    page.get_by_role("link", name="Svara: SIP för Elsa Lind").click()
    if accept:
        page.get_by_label("Vi deltar").check()
        page.get_by_label("Telefon till företrädaren").fill(FICTIONAL_PHONE)
    else:
        page.get_by_label("Vi avböjer").check()
        page.get_by_label("Skäl att avböja").fill("Elsa är inte aktuell för mellanvård; BUP Karlstad deltar.")
    page.get_by_role("button", name="Skicka svaret").click()
    expect(page.get_by_role("status")).to_be_visible()


def test_the_whole_journey_with_three_organisations_and_the_person(page: Page, world: BrowserWorld) -> None:
    cast = world.cast
    make_profiles(cast)
    school = Organisation.objects.create(
        name="Elevhälsan Karlstad", kind=OrganisationKind.MUNICIPALITY, branch=Branch.EDUCATION, parent=cast.karlstad
    )
    school_unit = Unit.objects.create(organisation=school, name="Elevhälsan Västra", email="elevhalsan@example.org")
    mellanvard = Unit.objects.create(organisation=cast.bup, name="BUP Mellanvård", email="mellanvard@example.org")
    sara = _staff(world, "sara", "Sara", "Sund", school_unit)
    dan = _staff(world, "dan", "Dan", "Dahl", mellanvard)
    today = timezone.localdate()

    # The consent: Elsa (15) and both guardians, naming the three organisations, with an exclusion.
    sign_in(page, world, cast.anna)
    page.goto(f"/personer/{cast.elsa.uuid}/")
    page.get_by_role("link", name="Registrera samtycke").click()
    page.get_by_role("combobox", name="Syfte").select_option(label="Samordnad individuell plan (SIP)")
    page.get_by_label("Syftet i ord").fill("Att skolan, BUP och socialtjänsten planerar stödet tillsammans")
    page.get_by_label("BUP Värmland").check()
    page.get_by_label("Elevhälsan Karlstad").check()
    page.get_by_label("Uppgifter som får delas").fill("Skolsituationen, måendet och familjens stöd")
    page.get_by_label("Undantaget – får inte delas").fill("Det Elsa berättar i enskilda samtal med kuratorn")
    page.get_by_label("Personen och vårdnadshavare").check()
    page.get_by_label("Karin Lind").check()
    page.get_by_label("Lars Lind").check()
    page.get_by_label("Barnets egen inställning").fill("Elsa vill att de pratar med varandra, inte om henne.")
    page.get_by_label("Skriftligt").check()
    page.get_by_label("Gäller från").fill(today.isoformat())
    page.get_by_label("Gäller till").fill((today + dt.timedelta(days=300)).isoformat())
    page.get_by_role("button", name="Registrera samtycket").click()
    expect(page.get_by_role("status")).to_be_visible()

    # 1. Identify the need.
    page.goto(f"/personer/{cast.elsa.uuid}/")
    page.get_by_role("link", name="Begär SIP").click()
    page.get_by_label("Varför behövs en SIP?").fill("Skolfrånvaro, oro och ångest; flera huvudmän behövs.")
    page.get_by_label("Personen själv").check()
    page.get_by_role("button", name="Begär SIP").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SIP för Elsa Lind")
    plan = Plan.objects.get(person=cast.elsa)

    # 2. Prepare with Elsa, on the new consent, and invite Elsa herself on her terms.
    page.get_by_role("link", name="Förbered med personen").click()
    page.get_by_label("Det som är viktigt för personen").fill("Att slippa berätta allt igen för varje ny person.")
    page.get_by_label("Personens egna mål").fill("Jag vill klara en hel skoldag och ha en kompis.")
    new_consent = cast.elsa.consents.exclude(pk=cast.elsa_consent.pk).get()
    page.get_by_label("Samtycke som planen bygger på").select_option(str(new_consent.pk))
    page.get_by_role("button", name="Spara förberedelsen").click()
    expect(page.get_by_text("Att slippa berätta allt igen")).to_be_visible()
    page.get_by_role("link", name="Lägg till deltagare").click()
    page.get_by_label("Personen själv", exact=True).check()
    page.get_by_label("Finns i Knutpunkt som").select_option(label="Elsa Lind")
    page.get_by_label("Behov för att kunna delta").fill("Mötet efter skoltid, och en paus i mitten")
    page.get_by_role("button", name="Lägg till", exact=True).click()
    expect(page.get_by_role("cell", name="Mötet efter skoltid, och en paus i mitten")).to_be_visible()

    # 3. Book the meeting and invite three units.
    page.get_by_role("link", name="Boka mötet").click()
    day = today + dt.timedelta(days=7)
    page.get_by_label("Börjar").fill(f"{day.isoformat()}T15:00")
    page.get_by_label("Slutar").fill(f"{day.isoformat()}T16:00")
    page.get_by_label("Plats").fill("Familjecentralen, Karlstad")
    page.get_by_role("button", name="Boka mötet").click()
    expect(page.get_by_role("status")).to_contain_text("Mötet är bokat.")
    for unit, why in (
        (cast.bup_unit, "Ångesten behöver bedömas"),
        (school_unit, "Skolfrånvaron"),
        (mellanvard, "Om mer stöd än mottagningen behövs"),
    ):
        page.get_by_role("link", name="Bjud in en enhet").first.click()
        page.get_by_role("combobox", name="Enhet").select_option(str(unit.uuid))
        page.get_by_label("Varför enheten behövs").fill(why)
        page.get_by_role("button", name="Lägg till inbjudan").click()
        expect(page.get_by_role("status")).to_contain_text("är tillagd")
    page.get_by_role("link", name="Skicka inbjudningar").first.click()
    page.get_by_role("button", name="Skicka inbjudningarna").click()
    expect(page.get_by_role("status")).to_contain_text("Inbjudningarna är skickade")

    # The units answer: two accept, one declines.
    _answer(page, world, cast.cecilia, accept=True)
    _answer(page, world, sara, accept=True)
    _answer(page, world, dan, accept=False)
    statuses = dict(plan.invitations.values_list("unit__name", "status"))
    assert statuses == {
        "BUP Karlstad": InvitationStatus.ACCEPTED,
        "Elevhälsan Västra": InvitationStatus.ACCEPTED,
        "BUP Mellanvård": InvitationStatus.DECLINED,
    }

    # 4. The meeting is held (time passes); Anna sees the decline reason and records who came.
    start = timezone.now() - dt.timedelta(hours=3)
    Meeting.objects.filter(plan=plan).update(starts_at=start, ends_at=start + dt.timedelta(hours=1))
    _switch_user(page, world, cast.anna)
    page.goto(f"/sip/{plan.uuid}/")
    expect(page.get_by_text("Elsa är inte aktuell för mellanvård")).to_be_visible()
    page.get_by_role("link", name="Registrera mötet").first.click()
    page.get_by_label("BUP Karlstad, BUP Värmland (Cecilia Carlsson)").check()
    page.get_by_label("Elevhälsan Västra, Elevhälsan Karlstad (Sara Sund)").check()
    page.get_by_label("Elsa Lind").check()
    page.get_by_role("button", name="Registrera mötet som hållet").click()
    expect(page.get_by_role("status")).to_contain_text("Mötet är registrerat som hållet.")

    # 5. The plan: needs, the principals' interventions, a measure by the school, a commitment, responsibility.
    page.get_by_role("link", name="Arbeta med planens innehåll").click()
    for section, link, label, text in (("need", "Lägg till behov", "Behov", "Tryggare skolgång"),):
        page.locator(f"#section-{section}").get_by_role("link", name=link).click()
        form = page.locator(f"#add-{section} form")
        form.get_by_label(label).fill(text)
        form.get_by_role("button", name="Lägg till").click()
        expect(page.locator(f"#section-{section}")).to_contain_text(text)
    for description, organisation in (
        ("Familjebehandling", "Socialtjänsten Karlstad"),
        ("Behandling för ångest", "BUP Värmland"),
        ("Anpassad studiegång", "Elevhälsan Karlstad"),
    ):
        page.locator("#section-intervention").get_by_role("link", name="Lägg till insats eller åtgärd").click()
        form = page.locator("#add-intervention form")
        form.get_by_label("Insats eller åtgärd").fill(description)
        form.get_by_label("Ansvarig organisation").select_option(label=organisation)
        form.get_by_role("button", name="Lägg till").click()
        expect(page.locator("#section-intervention")).to_contain_text(description)
    page.locator("#section-commitment").get_by_role("link", name="Lägg till åtagande").click()
    form = page.locator("#add-commitment form")
    form.get_by_label("Vad").fill("Boka första samtalet")
    form.get_by_label("Vem").select_option(label="BUP Karlstad, BUP Värmland")
    form.get_by_label("Klart senast").fill((today + dt.timedelta(days=14)).isoformat())
    form.get_by_role("button", name="Lägg till").click()
    expect(page.locator("#section-commitment")).to_contain_text("Boka första samtalet")
    responsibility = page.locator("#section-responsibility")
    responsibility.get_by_label("Huvudman med övergripande ansvar").select_option(label="Socialtjänsten Karlstad")
    responsibility.get_by_role("button", name="Spara ansvar och uppföljning").click()
    expect(page.locator("#section-responsibility").get_by_role("status")).to_have_text("Ändringarna är sparade.")
    page.get_by_role("link", name="Kontrollera och fastställ planen").click()
    page.get_by_role("button", name="Fastställ planen").click()
    expect(page.get_by_role("status")).to_contain_text("Planen är fastställd som version 1.")

    # The school sees the established plan through the consent, and its measure in it.
    _switch_user(page, world, sara)
    page.goto(f"/sip/{plan.uuid}/versioner/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Versioner av planen")

    # 6. Follow up, give Elsa her copy, close.
    _switch_user(page, world, cast.anna)
    page.goto(f"/sip/{plan.uuid}/uppfoljning/")
    page.get_by_label("Delvis uppnått").check()
    page.get_by_label("Personens syn").fill("Elsa: det går bättre i skolan, morgnarna är fortfarande svåra.")
    page.get_by_role("button", name="Registrera uppföljningen").click()
    expect(page.get_by_role("status")).to_contain_text("Uppföljningen är registrerad")
    page.get_by_role("link", name="Personens version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din plan")
    expect(page.get_by_text("Jag vill klara en hel skoldag och ha en kompis.")).to_be_visible()
    assert "enskilda samtal med kuratorn" not in page.content()
    page.get_by_role("link", name="Avsluta").click()
    page.get_by_label("Målen är uppnådda").check()
    page.get_by_role("button", name="Avsluta planen").click()
    expect(page.get_by_role("status")).to_contain_text("Planen är avslutad.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED

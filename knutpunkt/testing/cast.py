"""The named cast of the test suite.

Karlstad municipality's social services (unit "Barn och unga") registered Elsa, a 15-year-old with two guardians.
Elsa's guardians consented to a coordinated plan shared with child and youth psychiatry in Region Värmland.

- anna: staff, Barn och unga, Socialtjänsten Karlstad (the municipality; Elsa is in their records)
- bo: a colleague in the same unit
- maria: unit manager of Barn och unga
- cecilia: staff at BUP Värmland (the region; covered by Elsa's consent)
- olle: the outsider, staff at Socialtjänsten Arvika, no relation to anyone here
- adam: local administrator of Socialtjänsten Karlstad
- ali: analyst at Socialtjänsten Karlstad
- elsa: the child; guardians karin and lars; sam: an adult with protected registration, registered by Karlstad

Every identity number is one of Skatteverket's test numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.test import Client
from django.utils import timezone

from knutpunkt.accounts.models import User
from knutpunkt.accounts.second_factor import SESSION_STRONG_AUTH
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.middleware import SESSION_MEMBERSHIP_KEY
from knutpunkt.organisations.models import Branch, Membership, Organisation, OrganisationKind, Role, Unit
from knutpunkt.people.identity import IdentityKind
from knutpunkt.people.models import (
    Consent,
    ConsentForm,
    ConsentGiver,
    ConsentPurpose,
    Guardianship,
    Person,
    Protection,
    Registration,
    RelationKind,
)

PASSWORD = "correct horse battery staple"


@dataclass
class Cast:
    karlstad: Organisation
    social_karlstad: Organisation
    region: Organisation
    bup: Organisation
    arvika: Organisation
    social_arvika: Organisation
    barn_och_unga: Unit
    bup_unit: Unit
    arvika_unit: Unit
    anna: User
    bo: User
    maria: User
    cecilia: User
    olle: User
    adam: User
    ali: User
    elsa: Person
    karin: Person
    lars: Person
    sam: Person
    elsa_consent: Consent

    def membership(self, user: User) -> Membership:
        return Membership.objects.select_related("unit__organisation").filter(user=user, ended_at__isnull=True).first()  # type: ignore[return-value]

    def actor(self, user: User) -> Actor:
        return Actor(user=user, membership=self.membership(user), request_id="test")

    def client(self, user: User, membership: Membership | None = None) -> Client:
        """A test client signed in as `user`, past the second factor, acting under `membership`."""
        client = Client()
        client.force_login(user)
        session = client.session
        session[SESSION_STRONG_AUTH] = True
        session[SESSION_MEMBERSHIP_KEY] = str((membership or self.membership(user)).uuid)
        session.save()
        return client


def _user(username: str, first: str, last: str, unit: Unit, role: str) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, first_name=first, last_name=last, email=f"{username}@example.org"
    )
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


def _person(number: str, first: str, last: str, born: dt.date, registered_by: Organisation, **extra: str) -> Person:
    return Person.objects.create(
        identity_number=number,
        identity_kind=IdentityKind.PERSONNUMMER,
        first_name=first,
        last_name=last,
        date_of_birth=born,
        registered_by=registered_by,
        **extra,
    )


def make_cast() -> Cast:
    karlstad = Organisation.objects.create(name="Karlstads kommun", kind=OrganisationKind.MUNICIPALITY, code="1780")
    social_karlstad = Organisation.objects.create(
        name="Socialtjänsten Karlstad",
        kind=OrganisationKind.MUNICIPALITY,
        branch=Branch.SOCIAL_SERVICES,
        parent=karlstad,
    )
    region = Organisation.objects.create(name="Region Värmland", kind=OrganisationKind.REGION, code="17")
    bup = Organisation.objects.create(
        name="BUP Värmland", kind=OrganisationKind.REGION, branch=Branch.CHILD_PSYCHIATRY, parent=region
    )
    arvika = Organisation.objects.create(name="Arvika kommun", kind=OrganisationKind.MUNICIPALITY, code="1784")
    social_arvika = Organisation.objects.create(
        name="Socialtjänsten Arvika", kind=OrganisationKind.MUNICIPALITY, branch=Branch.SOCIAL_SERVICES, parent=arvika
    )
    barn_och_unga = Unit.objects.create(
        organisation=social_karlstad, name="Barn och unga", email="barnochunga@example.org"
    )
    bup_unit = Unit.objects.create(organisation=bup, name="BUP Karlstad", email="bup@example.org")
    arvika_unit = Unit.objects.create(organisation=social_arvika, name="Barn och familj", email="bof@example.org")

    anna = _user("anna", "Anna", "Andersson", barn_och_unga, Role.STAFF)
    bo = _user("bo", "Bo", "Berg", barn_och_unga, Role.STAFF)
    maria = _user("maria", "Maria", "Mattsson", barn_och_unga, Role.UNIT_MANAGER)
    cecilia = _user("cecilia", "Cecilia", "Carlsson", bup_unit, Role.STAFF)
    olle = _user("olle", "Olle", "Olsson", arvika_unit, Role.STAFF)
    adam = _user("adam", "Adam", "Ahmed", barn_och_unga, Role.ADMINISTRATOR)
    ali = _user("ali", "Ali", "Aziz", barn_och_unga, Role.ANALYST)

    today = timezone.localdate()
    elsa = _person(
        "201101062394",
        "Elsa",
        "Lind",
        dt.date(2011, 1, 6),
        social_karlstad,
        street_address="Storgatan 1",
        postal_code="65224",
        city="Karlstad",
    )
    karin = _person("198001249286", "Karin", "Lind", dt.date(1980, 1, 24), social_karlstad)
    lars = _person("197001239297", "Lars", "Lind", dt.date(1970, 1, 23), social_karlstad)
    sam = _person(
        "199001032383",
        "Sam",
        "Skog",
        dt.date(1990, 1, 3),
        social_karlstad,
        protection=Protection.PROTECTED_REGISTRATION,
        street_address="Hemlig väg 7",
        city="Karlstad",
    )
    for person in (elsa, karin, lars, sam):
        Registration.objects.create(
            person=person, organisation=social_karlstad, unit=barn_och_unga, reason="Utredning", created_by=anna
        )
    for guardian in (karin, lars):
        Guardianship.objects.create(person=elsa, related=guardian, kind=RelationKind.GUARDIAN)

    consent = Consent.objects.create(
        person=elsa,
        purpose=ConsentPurpose.COORDINATED_PLAN,
        given_by=ConsentGiver.PERSON_AND_GUARDIANS,
        form=ConsentForm.WRITTEN,
        valid_from=today - dt.timedelta(days=10),
        valid_until=today + dt.timedelta(days=365),
        recorded_by=anna,
        recorded_unit=barn_och_unga,
        child_view="Elsa vill att BUP och socialtjänsten pratar med varandra.",
    )
    consent.organisations.set([social_karlstad, bup])
    consent.consenting_guardians.set([karin, lars])

    return Cast(
        karlstad,
        social_karlstad,
        region,
        bup,
        arvika,
        social_arvika,
        barn_och_unga,
        bup_unit,
        arvika_unit,
        anna,
        bo,
        maria,
        cecilia,
        olle,
        adam,
        ali,
        elsa,
        karin,
        lars,
        sam,
        consent,
    )

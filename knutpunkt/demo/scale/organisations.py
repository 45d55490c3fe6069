"""The county's organisations, units and staff: the demo county's four municipalities first, then invented ones with
the same units, split into districts when a municipality is large; the region's branches and the other actors with
units per municipality or group of municipalities; and the regional agreement profiles for SIP."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from knutpunkt.accounts.models import User
from knutpunkt.demo import county
from knutpunkt.demo.county import Work
from knutpunkt.demo.scale.state import DISTRICTS, CountyUnit, Dataset, Town
from knutpunkt.demo.seed import username_part
from knutpunkt.organisations.models import Membership, Organisation, OrganisationKind, Role, Unit
from knutpunkt.plans.deadlines import DayCount
from knutpunkt.plans.models import AgreementProfile, DeadlineMilestone, Summoner, TargetGroup

# Region and other actors: one unit per municipality (1) or per group of three or six, named after the first.
GROUP_UNITS: dict[str, tuple[int, str, int]] = {  # work: (municipalities per unit, name, staff members)
    Work.PRIMARY_CARE: (1, "Vårdcentralen {}", 2),
    Work.PSYCHIATRY: (3, "Allmänpsykiatriska mottagningen {}", 2),
    Work.ADDICTION_CARE: (6, "Beroendemottagningen {}", 1),
    Work.CHILD_PSYCHIATRY: (3, "BUP-mottagningen {}", 2),
    Work.HOSPITAL: (6, "Sjukhuset i {} – geriatrik och medicin", 2),
    Work.SOCIAL_INSURANCE: (6, "Lokalt försäkringscenter {}", 1),
    Work.EMPLOYMENT: (6, "Arbetsförmedlingen {}", 1),
    Work.POLICE: (3, "Lokalpolisområde {}", 1),
    Work.VOLUNTARY: (6, "Mötesplatsen {}", 1),
    Work.SCHOOL_HEALTH: (6, "Elevhälsan, skolenheten i {}", 1),
}


# Invented municipality names for counties larger than the demo's four: clearly fictional, Swedish in shape.
_PLACE_FIRST = (
    "Ek",
    "Björk",
    "Sjö",
    "Berg",
    "Lind",
    "Gran",
    "Al",
    "Ask",
    "Hag",
    "Lund",
    "Strand",
    "Mo",
    "Ny",
    "Norr",
    "Sör",
    "Väster",
    "Öster",
    "Hult",
    "Dal",
    "Back",
    "Tall",
    "Rönn",
    "Sand",
    "Sten",
)


_PLACE_LAST = ("by", "vik", "sund", "hamn", "torp", "köping", "ås", "fors", "näs", "holm", "berga", "ryd")


class CountyBuilder:
    """Organisations, units, staff and agreement profiles."""

    def __init__(self, d: Dataset) -> None:
        self.d = d

    def town_names(self) -> list[str]:
        names = list(county.TOWNS)
        invented = [first + last for first in _PLACE_FIRST for last in _PLACE_LAST]
        self.d.rng.shuffle(invented)
        names += [name.capitalize() for name in invented if name.capitalize() not in names][: self.d.n_towns - 4]
        if len(names) < self.d.n_towns:
            raise ValueError(f"At most {len(names)} municipalities can be named")
        return names

    def build_county(self) -> None:
        names = self.town_names()
        self.d.towns = [
            Town(index, name, weight=3.0 if index == 0 else 1 + self.d.rng.random()) for index, name in enumerate(names)
        ]
        password = make_password(None)  # no one signs in to the benchmark database with a password
        users: list[User] = []
        memberships: list[tuple[int, int, str, str]] = []  # (user index, unit id, role, title)

        def add_user(unit: CountyUnit, role: str, title: str, domain: str) -> int:
            first = self.d.rng.choice(county.STAFF_FIRST_NAMES)
            last = self.d.rng.choice(county.SURNAMES)
            index = len(users)
            username = f"{username_part(first)}.{username_part(last)}.{index + 1}"
            users.append(
                User(
                    username=username, first_name=first, last_name=last, email=f"{username}@{domain}", password=password
                )
            )
            memberships.append((index, unit.id, role, title))
            return index

        def organisation(
            name: str, short: str, kind: str, branch: str, parent: Organisation | None, code: str = ""
        ) -> Organisation:
            org = Organisation.objects.create(
                name=name, short_name=short, kind=kind, branch=branch, parent=parent, code=code
            )
            self.d.org_kind[org.pk] = (
                kind if kind in (OrganisationKind.MUNICIPALITY, OrganisationKind.REGION) else "other"
            )
            return org

        def unit(org: Organisation, name: str, work: str, email: str) -> CountyUnit:
            created = Unit.objects.create(organisation=org, name=name, email=email, phone="")
            entry = CountyUnit(created.pk, org.pk, f"{name}, {org.display_name}", work)
            self.d.units[created.pk] = entry
            return entry

        def staff(entry: CountyUnit, count: int, domain: str, manager: bool = True) -> None:
            titles = county.TITLES[entry.work]
            if manager:
                entry.manager = add_user(entry, Role.UNIT_MANAGER, "Enhetschef", domain)
            entry.staff = [add_user(entry, Role.STAFF, titles[n % len(titles)], domain) for n in range(count)]

        def admins(org: Organisation, first: CountyUnit, domain: str) -> None:
            add_user(first, Role.ADMINISTRATOR, "Systemadministratör", domain)
            add_user(first, Role.ANALYST, "Analytiker", domain)

        # Municipalities: the demo's four as the demo has them, then invented ones with the demo's units.
        for town in self.d.towns:
            if town.index < len(county.MUNICIPALITIES):
                spec = county.MUNICIPALITIES[town.index]
            else:
                spec = self.municipality_spec(town.name)
            root = organisation(spec.name, spec.short_name, spec.kind, "principal", None, spec.code)
            for branch in spec.branches:
                org = organisation(branch.name, branch.short_name, branch.kind, branch.branch, root)
                if branch.branch == "social_services":
                    town.social_services = org.pk
                created: list[CountyUnit] = []
                for unit_spec in branch.units:
                    domain = unit_spec.email.rsplit("@", 1)[-1]
                    for district in self.district_names():
                        name = f"{unit_spec.name} {district}".strip()
                        local, _at, _domain = unit_spec.email.partition("@")
                        email = f"{local}{'.' + username_part(district) if district else ''}@{domain}"
                        entry = unit(org, name, unit_spec.work, email)
                        staff(entry, unit_spec.staff * self.d.staff_factor, domain)
                        town.units.setdefault(unit_spec.work, []).append(entry)
                        created.append(entry)
                admins(org, created[0], branch.units[0].email.rsplit("@", 1)[-1])
        # Units without a manager of their own (the demo's intake unit in Karlstad) are led by another manager.
        for entry in self.d.units.values():
            if not entry.manager:
                entry.manager = next(u.manager for u in self.d.units.values() if u.manager)

        # The region and the other actors: the demo's organisations, with units per municipality or group.
        region = organisation(
            county.REGION.name, county.REGION.short_name, county.REGION.kind, "principal", None, county.REGION.code
        )
        for parent, specs in ((region, county.REGION.branches), (None, county.OTHER_ACTORS)):
            for actor_spec in specs:
                org = organisation(
                    actor_spec.name, actor_spec.short_name, actor_spec.kind, actor_spec.branch, parent, actor_spec.code
                )
                domain = actor_spec.units[0].email.rsplit("@", 1)[-1]
                created = []
                for work in dict.fromkeys(u.work for u in actor_spec.units):
                    size, pattern, count = GROUP_UNITS[work]
                    for start in range(0, self.d.n_towns, size):
                        group = self.d.towns[start : start + size]
                        # A health centre per municipality; clinics and offices serve a group of them. Both
                        # have a unit per district, like the municipalities' own units.
                        for district in self.district_names():
                            place = f"{group[0].name} {district}".strip()
                            local = username_part(f"{work}.{place}").replace("_", "").replace(" ", "")
                            entry = unit(org, pattern.format(place), work, f"{local}@{domain}")
                            staff(entry, count * self.d.staff_factor * max(1, size // 2), domain)
                            for town in group:
                                town.units.setdefault(work, []).append(entry)
                            created.append(entry)
                admins(org, created[0], domain)

        User.objects.bulk_create(users, batch_size=1000)
        Membership.objects.bulk_create(
            [
                Membership(
                    user=users[index],
                    unit_id=unit_id,
                    role=role,
                    title=title,
                    basis="Benchmark: behovs- och riskanalys för enhetens uppdrag",
                )
                for index, unit_id, role, title in memberships
            ],
            batch_size=1000,
        )
        # Everyone has worked here since the log began.
        Membership.objects.update(started_at=self.d.moment(0))
        for user in users:
            self.d.user_label[user.pk] = f"{user.first_name} {user.last_name}"
        for index, unit_id, _role, _title in memberships:
            self.d.user_unit.setdefault(users[index].pk, unit_id)
        for entry in self.d.units.values():
            entry.manager = users[entry.manager].pk
            entry.staff = [users[index].pk for index in entry.staff]
            total = 0.0
            for position in range(len(entry.staff)):
                total += 1 / (position + 1)
                entry.weights.append(total)
        self.build_profiles(region)

    def district_names(self) -> tuple[str, ...]:
        return ("",) if self.d.districts == 1 else DISTRICTS[: self.d.districts]

    def municipality_spec(self, name: str) -> county.PrincipalSpec:
        tag = username_part(name)
        domain = f"{tag}.example"
        social = county._social(
            name,
            tag,
            (
                county._unit("Barn och unga", Work.CHILDREN, domain, "barnochunga", staff=3),
                county._unit("Vuxen – missbruk och beroende", Work.ADULT_ADDICTION, domain, "vuxen", staff=2),
                county._unit("Äldreomsorg – biståndshandläggning", Work.ELDERLY, domain, "bistand", staff=2),
                county._unit("Mottagningsenheten", Work.INTAKE, domain, "mottagningen"),
                county._unit("Första linjen / Familjecentralen", Work.FIRST_LINE, domain, "forstalinjen"),
            ),
        )
        education = county._education(
            name,
            tag,
            (
                county._unit("Elevhälsan Västra skolområdet", Work.SCHOOL_HEALTH, domain, "elevhalsan.vastra", staff=2),
                county._unit("Elevhälsan Östra skolområdet", Work.SCHOOL_HEALTH, domain, "elevhalsan.ostra"),
            ),
        )
        leisure = county._leisure(name, tag, domain)
        return county.PrincipalSpec(
            f"{name} kommun", name, OrganisationKind.MUNICIPALITY, "", (social, education, leisure)
        )

    def build_profiles(self, region: Organisation) -> None:
        principals = list(
            Organisation.objects.filter(
                parent__isnull=True, kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.REGION]
            )
        )
        specs = (
            (
                "children",
                "Barn och unga",
                TargetGroup.CHILDREN_YOUNG,
                DeadlineMilestone.MEETING,
                21,
                DayCount.CALENDAR,
                Summoner.INITIATOR,
                90,
                ["social_services", "education", "child_psychiatry", "primary_care"],
            ),
            (
                "adults",
                "Vuxna",
                TargetGroup.ADULTS,
                DeadlineMilestone.MEETING,
                20,
                DayCount.WORKING,
                Summoner.MUNICIPALITY,
                120,
                ["social_services", "psychiatry", "primary_care", "social_insurance"],
            ),
            (
                "discharge",
                "Utskrivning från sluten vård",
                TargetGroup.DISCHARGE,
                DeadlineMilestone.SUMMONS,
                3,
                DayCount.CALENDAR,
                Summoner.REGION,
                30,
                ["hospital_care", "primary_care", "elderly_disability"],
            ),
        )
        for key, name, group, milestone, days, count, summoner, followup, branches in specs:
            profile = AgreementProfile.objects.create(
                name=f"{name} ({region.name})",
                agreement=f"Överenskommelse om SIP, {region.name}",
                target_group=group,
                deadline_milestone=milestone,
                deadline_days=days,
                day_count=count,
                summoned_by=summoner,
                followup_days=followup,
                participating_branches=branches,
                school_participates=key == "children",
            )
            profile.principals.set(principals)
            self.d.profiles[key] = (profile.pk, profile)

"""The demo county as data: its organisations, units, place names and the names its fictitious people carry.

`knutpunkt.demo.seed` turns this description into database rows. The organisations are modelled on a real
county (Värmland) so that the demo looks familiar; every person and every member of staff is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from knutpunkt.organisations.models import Branch, OrganisationKind


class Work:
    """What a unit does: the seed uses it to decide which people the unit has in its records."""

    CHILDREN = "children"
    ADULT_ADDICTION = "adult_addiction"
    ELDERLY = "elderly"
    INTAKE = "intake"
    FIRST_LINE = "first_line"
    SCHOOL_HEALTH = "school_health"
    LEISURE = "leisure"
    PRIMARY_CARE = "primary_care"
    PSYCHIATRY = "psychiatry"
    ADDICTION_CARE = "addiction_care"
    CHILD_PSYCHIATRY = "child_psychiatry"
    HOSPITAL = "hospital"
    SOCIAL_INSURANCE = "social_insurance"
    EMPLOYMENT = "employment"
    POLICE = "police"
    VOLUNTARY = "voluntary"


# Which services a child of a given age is known to: (service, chance, from age). Shared by the demo county and the
# county-scale generator, so both draw children alike.
CHILD_WORK_CHANCES: tuple[tuple[str, float, int], ...] = (
    (Work.CHILDREN, 0.65, 0),
    (Work.SCHOOL_HEALTH, 0.6, 6),
    (Work.CHILD_PSYCHIATRY, 0.3, 10),
    (Work.PRIMARY_CARE, 0.2, 0),
    (Work.FIRST_LINE, 0.1, 0),
    (Work.POLICE, 0.1, 13),
    (Work.LEISURE, 0.08, 13),
)


# Job titles of staff members, by the work of their unit.
TITLES: dict[str, tuple[str, ...]] = {
    Work.CHILDREN: ("Socialsekreterare", "Socialsekreterare", "Familjebehandlare"),
    Work.ADULT_ADDICTION: ("Socialsekreterare", "Behandlare"),
    Work.ELDERLY: ("Biståndshandläggare",),
    Work.INTAKE: ("Socialsekreterare", "Mottagningssekreterare"),
    Work.FIRST_LINE: ("Familjebehandlare", "Föräldrarådgivare"),
    Work.SCHOOL_HEALTH: ("Kurator", "Skolsköterska", "Skolpsykolog"),
    Work.LEISURE: ("Fritidsledare",),
    Work.PRIMARY_CARE: ("Distriktssköterska", "Läkare", "Kurator"),
    Work.PSYCHIATRY: ("Sjuksköterska", "Psykolog", "Läkare"),
    Work.ADDICTION_CARE: ("Sjuksköterska", "Läkare"),
    Work.CHILD_PSYCHIATRY: ("Psykolog", "Kurator", "Läkare"),
    Work.HOSPITAL: ("Sjuksköterska", "Utskrivningssamordnare", "Läkare"),
    Work.SOCIAL_INSURANCE: ("Handläggare",),
    Work.EMPLOYMENT: ("Arbetsförmedlare",),
    Work.POLICE: ("Kommunpolis", "Områdespolis"),
    Work.VOLUNTARY: ("Samordnare", "Diakon"),
}

# Why an organisation has a person in its own records, by the work of the unit.
REASONS: dict[str, tuple[str, ...]] = {
    Work.CHILDREN: (
        "Utredning om barns behov av stöd",
        "Pågående insats: familjebehandling",
        "Orosanmälan under bedömning",
    ),
    Work.ADULT_ADDICTION: ("Pågående insats: öppenvård för missbruk", "Utredning om behov av stöd vid missbruk"),
    Work.ELDERLY: ("Beslut om hemtjänst", "Ansökan om särskilt boende", "Beslut om trygghetslarm och hemtjänst"),
    Work.INTAKE: ("Ansökan om ekonomiskt bistånd", "Ekonomiskt bistånd, pågående"),
    Work.FIRST_LINE: ("Samtalsstöd utan biståndsbeslut", "Föräldrastöd i grupp"),
    Work.SCHOOL_HEALTH: ("Elevhälsoärende: hög frånvaro", "Elevhälsoärende: samtalskontakt", "Elevhälsoärende"),
    Work.LEISURE: ("Deltar i SSPF-insats på fritidsgården",),
    Work.PRIMARY_CARE: ("Listad patient med pågående vårdkontakt", "Patient"),
    Work.PSYCHIATRY: ("Patient i psykiatrisk öppenvård",),
    Work.ADDICTION_CARE: ("Patient på beroendemottagningen",),
    Work.CHILD_PSYCHIATRY: ("Patient: utredning och behandling", "Patient: behandling av ångest"),
    Work.HOSPITAL: ("Inskriven i sluten vård",),
    Work.SOCIAL_INSURANCE: ("Ärende om sjukpenning", "Ärende om aktivitetsersättning"),
    Work.EMPLOYMENT: ("Inskriven som arbetssökande", "Deltar i arbetsmarknadsprogram"),
    Work.POLICE: ("Aktuell i SSPF (skola, socialtjänst, polis, fritid)",),
    Work.VOLUNTARY: ("Besöker Mötesplatsen", "Deltar i stödgrupp"),
}


@dataclass(frozen=True)
class UnitSpec:
    name: str
    work: str
    email: str
    staff: int = 1  # staff members besides the unit manager
    towns: tuple[str, ...] = ()  # the municipalities whose residents it serves; empty: those of its organisation
    manager: bool = True  # False where a manager of another unit also leads this one


@dataclass(frozen=True)
class OrgSpec:
    name: str
    short_name: str
    kind: OrganisationKind
    branch: Branch
    tag: str  # the part after the dot in its staff's user names: anna.karlstad, cecilia.bup
    units: tuple[UnitSpec, ...]
    town: str = ""  # the municipality it serves; empty for county-wide organisations
    code: str = ""  # only for a principal with no branches of its own


@dataclass(frozen=True)
class PrincipalSpec:
    """A municipality or the region: the root organisation, whose branches hold the units."""

    name: str
    short_name: str
    kind: OrganisationKind
    code: str
    branches: tuple[OrgSpec, ...]


TOWNS = ("Karlstad", "Arvika", "Kil", "Hammarö")

# Street names and postal codes of each municipality; house numbers are drawn at random.
STREETS: dict[str, tuple[str, ...]] = {
    "Karlstad": (
        "Drottninggatan",
        "Västra Torggatan",
        "Älvgatan",
        "Herrhagsgatan",
        "Sommargatan",
        "Rudsvägen",
        "Kronoparksvägen",
        "Våxnäsgatan",
        "Orrholmsvägen",
        "Tingvallagatan",
        "Hagalundsvägen",
    ),
    "Arvika": ("Storgatan", "Kyrkogatan", "Ringvägen", "Jössevägen", "Styrmansgatan", "Agneteviksvägen"),
    "Kil": ("Storgatan", "Tingvallavägen", "Stationsgatan", "Fryksdalsvägen", "Apertinvägen"),
    "Hammarö": ("Mörmovägen", "Skoghallsvägen", "Hammarövägen", "Vålbergsvägen", "Stora Vikens väg"),
}
POSTAL_CODES: dict[str, tuple[str, ...]] = {
    "Karlstad": ("652 24", "652 25", "653 40", "653 41", "654 60", "654 62", "655 91", "656 35", "656 38"),
    "Arvika": ("671 31", "671 32", "671 34", "671 42", "671 50"),
    "Kil": ("665 30", "665 31", "665 32", "665 33"),
    "Hammarö": ("663 30", "663 31", "663 34", "663 41", "663 42"),
}
CITIES = {"Karlstad": "Karlstad", "Arvika": "Arvika", "Kil": "Kil", "Hammarö": "Skoghall"}


def _social(town: str, tag: str, units: tuple[UnitSpec, ...]) -> OrgSpec:
    return OrgSpec(
        f"Socialtjänsten {town}",
        f"Socialtjänsten {town}",
        OrganisationKind.MUNICIPALITY,
        Branch.SOCIAL_SERVICES,
        tag,
        units,
        town=town,
    )


def _education(town: str, tag: str, units: tuple[UnitSpec, ...]) -> OrgSpec:
    return OrgSpec(
        f"Utbildningsförvaltningen {town}",
        f"Skolan {town}",
        OrganisationKind.MUNICIPALITY,
        Branch.EDUCATION,
        f"skola.{tag}",
        units,
        town=town,
    )


def _leisure(town: str, tag: str, domain: str) -> OrgSpec:
    return OrgSpec(
        f"Kultur och fritid {town}",
        f"Kultur och fritid {town}",
        OrganisationKind.MUNICIPALITY,
        Branch.CULTURE_LEISURE,
        f"fritid.{tag}",
        (UnitSpec("Fritidsgårdar och mötesplatser", Work.LEISURE, f"fritidsgardar@{domain}"),),
        town=town,
    )


def _unit(
    name: str, work: str, domain: str, local: str, *, staff: int = 1, towns: tuple[str, ...] = (), manager: bool = True
) -> UnitSpec:
    return UnitSpec(name, work, f"{local}@{domain}", staff=staff, towns=towns, manager=manager)


REGION = PrincipalSpec(
    "Region Värmland",
    "Region Värmland",
    OrganisationKind.REGION,
    "17",
    (
        OrgSpec(
            "Primärvården, Region Värmland",
            "Primärvården",
            OrganisationKind.REGION,
            Branch.PRIMARY_CARE,
            "vc",
            (
                _unit(
                    "Vårdcentralen Karlstad centrum",
                    Work.PRIMARY_CARE,
                    "regionvarmland.example",
                    "vc.karlstad",
                    staff=2,
                    towns=("Karlstad", "Hammarö"),
                ),
                _unit(
                    "Vårdcentralen Arvika", Work.PRIMARY_CARE, "regionvarmland.example", "vc.arvika", towns=("Arvika",)
                ),
                _unit("Vårdcentralen Kil", Work.PRIMARY_CARE, "regionvarmland.example", "vc.kil", towns=("Kil",)),
            ),
        ),
        OrgSpec(
            "Vuxenpsykiatrin, Region Värmland",
            "Vuxenpsykiatrin",
            OrganisationKind.REGION,
            Branch.PSYCHIATRY,
            "psyk",
            (
                _unit(
                    "Allmänpsykiatriska mottagningen Karlstad",
                    Work.PSYCHIATRY,
                    "regionvarmland.example",
                    "psykiatri.karlstad",
                    towns=("Karlstad", "Hammarö", "Kil"),
                ),
                _unit(
                    "Psykiatriska mottagningen Arvika",
                    Work.PSYCHIATRY,
                    "regionvarmland.example",
                    "psykiatri.arvika",
                    towns=("Arvika",),
                ),
                _unit("Beroendemottagningen Karlstad", Work.ADDICTION_CARE, "regionvarmland.example", "beroende"),
            ),
        ),
        OrgSpec(
            "BUP Värmland",
            "BUP Värmland",
            OrganisationKind.REGION,
            Branch.CHILD_PSYCHIATRY,
            "bup",
            (
                _unit(
                    "BUP-mottagningen Karlstad",
                    Work.CHILD_PSYCHIATRY,
                    "regionvarmland.example",
                    "bup.karlstad",
                    staff=2,
                    towns=("Karlstad", "Hammarö", "Kil"),
                ),
                _unit(
                    "BUP-mottagningen Arvika",
                    Work.CHILD_PSYCHIATRY,
                    "regionvarmland.example",
                    "bup.arvika",
                    towns=("Arvika",),
                ),
            ),
        ),
        OrgSpec(
            "Sjukhusvården, Region Värmland",
            "Sjukhusvården",
            OrganisationKind.REGION,
            Branch.HOSPITAL_CARE,
            "sjukhus",
            (
                _unit(
                    "Centralsjukhuset Karlstad – geriatrik",
                    Work.HOSPITAL,
                    "regionvarmland.example",
                    "geriatrik.csk",
                    towns=("Karlstad", "Hammarö", "Kil"),
                ),
                _unit(
                    "Sjukhuset i Arvika – medicin",
                    Work.HOSPITAL,
                    "regionvarmland.example",
                    "medicin.arvika",
                    towns=("Arvika",),
                ),
            ),
        ),
    ),
)

MUNICIPALITIES = (
    PrincipalSpec(
        "Karlstads kommun",
        "Karlstad",
        OrganisationKind.MUNICIPALITY,
        "1780",
        (
            _social(
                "Karlstad",
                "karlstad",
                (
                    _unit("Barn och unga", Work.CHILDREN, "karlstad.example", "barnochunga", staff=3),
                    _unit("Vuxen – missbruk och beroende", Work.ADULT_ADDICTION, "karlstad.example", "vuxen", staff=2),
                    _unit("Äldreomsorg – biståndshandläggning", Work.ELDERLY, "karlstad.example", "bistand", staff=2),
                    _unit("Mottagningsenheten", Work.INTAKE, "karlstad.example", "mottagningen", manager=False),
                    _unit("Första linjen / Familjecentralen", Work.FIRST_LINE, "karlstad.example", "forstalinjen"),
                ),
            ),
            _education(
                "Karlstad",
                "karlstad",
                (
                    _unit(
                        "Elevhälsan Västra skolområdet",
                        Work.SCHOOL_HEALTH,
                        "karlstad.example",
                        "elevhalsan.vastra",
                        staff=2,
                    ),
                    _unit("Elevhälsan Östra skolområdet", Work.SCHOOL_HEALTH, "karlstad.example", "elevhalsan.ostra"),
                ),
            ),
            _leisure("Karlstad", "karlstad", "karlstad.example"),
        ),
    ),
    PrincipalSpec(
        "Arvika kommun",
        "Arvika",
        OrganisationKind.MUNICIPALITY,
        "1784",
        (
            _social(
                "Arvika",
                "arvika",
                (
                    _unit("Barn och familj", Work.CHILDREN, "arvika.example", "barnochfamilj", staff=2),
                    _unit("Vuxen – missbruk och beroende", Work.ADULT_ADDICTION, "arvika.example", "vuxen"),
                    _unit("Äldreomsorg – biståndshandläggning", Work.ELDERLY, "arvika.example", "bistand"),
                    _unit("Mottagningsenheten", Work.INTAKE, "arvika.example", "mottagningen"),
                ),
            ),
            _education(
                "Arvika", "arvika", (_unit("Elevhälsan Arvika", Work.SCHOOL_HEALTH, "arvika.example", "elevhalsan"),)
            ),
            _leisure("Arvika", "arvika", "arvika.example"),
        ),
    ),
    PrincipalSpec(
        "Kils kommun",
        "Kil",
        OrganisationKind.MUNICIPALITY,
        "1715",
        (
            _social(
                "Kil",
                "kil",
                (
                    _unit("Barn och unga", Work.CHILDREN, "kil.example", "barnochunga"),
                    _unit("Vuxen – missbruk och beroende", Work.ADULT_ADDICTION, "kil.example", "vuxen"),
                    _unit("Äldreomsorg – biståndshandläggning", Work.ELDERLY, "kil.example", "bistand"),
                    _unit("Mottagningsenheten", Work.INTAKE, "kil.example", "mottagningen"),
                ),
            ),
            _education("Kil", "kil", (_unit("Elevhälsan Kil", Work.SCHOOL_HEALTH, "kil.example", "elevhalsan"),)),
            _leisure("Kil", "kil", "kil.example"),
        ),
    ),
    PrincipalSpec(
        "Hammarö kommun",
        "Hammarö",
        OrganisationKind.MUNICIPALITY,
        "1761",
        (
            _social(
                "Hammarö",
                "hammaro",
                (
                    _unit("Barn och unga", Work.CHILDREN, "hammaro.example", "barnochunga"),
                    _unit("Vuxen – missbruk och beroende", Work.ADULT_ADDICTION, "hammaro.example", "vuxen"),
                    _unit("Äldreomsorg – biståndshandläggning", Work.ELDERLY, "hammaro.example", "bistand"),
                    _unit("Mottagningsenheten", Work.INTAKE, "hammaro.example", "mottagningen"),
                    _unit("Första linjen / Familjecentralen", Work.FIRST_LINE, "hammaro.example", "familjecentralen"),
                ),
            ),
            _education(
                "Hammarö",
                "hammaro",
                (_unit("Elevhälsan Hammarö", Work.SCHOOL_HEALTH, "hammaro.example", "elevhalsan"),),
            ),
            _leisure("Hammarö", "hammaro", "hammaro.example"),
        ),
    ),
)

# Actors that are their own organisation, without branches.
OTHER_ACTORS = (
    OrgSpec(
        "Försäkringskassan",
        "Försäkringskassan",
        OrganisationKind.STATE_AGENCY,
        Branch.SOCIAL_INSURANCE,
        "fk",
        (
            _unit(
                "Lokalt försäkringscenter Karlstad",
                Work.SOCIAL_INSURANCE,
                "forsakringskassan.example",
                "lfc.karlstad",
                towns=TOWNS,
            ),
        ),
    ),
    OrgSpec(
        "Arbetsförmedlingen",
        "Arbetsförmedlingen",
        OrganisationKind.STATE_AGENCY,
        Branch.EMPLOYMENT,
        "af",
        (_unit("Arbetsförmedlingen Värmland", Work.EMPLOYMENT, "arbetsformedlingen.example", "varmland", towns=TOWNS),),
    ),
    OrgSpec(
        "Polisområde Värmland",
        "Polisen",
        OrganisationKind.POLICE,
        Branch.LAW_ENFORCEMENT,
        "polis",
        (
            _unit(
                "Lokalpolisområde Karlstad",
                Work.POLICE,
                "polisen.example",
                "lpo.karlstad",
                towns=("Karlstad", "Hammarö", "Kil"),
            ),
            _unit("Lokalpolisområde Arvika", Work.POLICE, "polisen.example", "lpo.arvika", towns=("Arvika",)),
        ),
    ),
    OrgSpec(
        "Stadsmissionen Värmland",
        "Stadsmissionen",
        OrganisationKind.CIVIL_SOCIETY,
        Branch.VOLUNTARY,
        "stadsmissionen",
        (
            _unit(
                "Mötesplatsen Karlstad",
                Work.VOLUNTARY,
                "stadsmissionen.example",
                "motesplatsen",
                towns=("Karlstad", "Hammarö", "Kil"),
            ),
            _unit("Föräldrastöd och samtal", Work.VOLUNTARY, "stadsmissionen.example", "samtal", towns=("Arvika",)),
        ),
    ),
    OrgSpec(
        "Friskolan Klarälven",
        "Friskolan Klarälven",
        OrganisationKind.SCHOOL,
        Branch.EDUCATION,
        "friskolan",
        (
            _unit(
                "Elevhälsan Friskolan Klarälven",
                Work.SCHOOL_HEALTH,
                "friskolanklaralven.example",
                "elevhalsan",
                towns=("Karlstad",),
            ),
        ),
    ),
)

# The accounts a visitor is pointed to first; the rest get generated names. Key: (tag, unit or None, role, n).
FEATURED_STAFF: dict[tuple[str, str | None, str, int], tuple[str, str, str]] = {
    ("karlstad", "Barn och unga", "staff", 0): ("Anna", "Lindqvist", "anna.karlstad"),
    ("karlstad", "Barn och unga", "staff", 1): ("Bo", "Eriksson", "bo.karlstad"),
    ("karlstad", "Barn och unga", "unit_manager", 0): ("Maria", "Hedlund", "maria.chef"),
    ("karlstad", None, "administrator", 0): ("Adam", "Nyberg", "adam.admin"),
    ("karlstad", None, "analyst", 0): ("Ali", "Hassan", "ali.analys"),
    ("bup", "BUP-mottagningen Karlstad", "staff", 0): ("Cecilia", "Bergström", "cecilia.bup"),
    ("arvika", "Barn och familj", "staff", 0): ("Olle", "Jansson", "olle.arvika"),
}
# Maria also leads the intake unit: a user with two memberships, to show choosing the unit one works in.
EXTRA_MANAGER = ("maria.chef", "karlstad", "Mottagningsenheten")

# --- Names ---------------------------------------------------------------------------------------------------

STAFF_FIRST_NAMES = (
    "Emma",
    "Sara",
    "Lena",
    "Karin",
    "Helena",
    "Johanna",
    "Linda",
    "Malin",
    "Sofia",
    "Eva",
    "Camilla",
    "Jenny",
    "Therese",
    "Ida",
    "Frida",
    "Amanda",
    "Hanna",
    "Elin",
    "Annika",
    "Petra",
    "Susanne",
    "Louise",
    "Amira",
    "Leila",
    "Erik",
    "Johan",
    "Mikael",
    "Anders",
    "Peter",
    "Fredrik",
    "Daniel",
    "Magnus",
    "Jonas",
    "Henrik",
    "Martin",
    "Stefan",
    "Niklas",
    "Patrik",
    "Tobias",
    "Omar",
    "Samir",
    "David",
    "Viktor",
    "Oskar",
)
SURNAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Lindström",
    "Olofsson",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Lundqvist",
    "Mattsson",
    "Berglund",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Ali",
    "Mohammed",
    "Forsberg",
    "Sjöberg",
    "Wallin",
    "Engström",
    "Danielsson",
    "Håkansson",
    "Eklund",
    "Lundin",
    "Gunnarsson",
    "Holm",
    "Björk",
    "Bergman",
    "Samuelsson",
    "Fransson",
    "Wikström",
    "Isaksson",
    "Hassan",
    "Nyström",
    "Holmberg",
    "Arvidsson",
    "Löfgren",
    "Söderberg",
    "Nyberg",
    "Blomqvist",
    "Claesson",
    "Mårtensson",
    "Nordström",
    "Ahmadi",
    "Yilmaz",
    "Nguyen",
    "Abdi",
    "Kowalski",
    "Rahimi",
    "Gashi",
    "Hedlund",
    "Dahlgren",
)
CHILD_FEMALE = (
    "Alva",
    "Elsa",
    "Maja",
    "Wilma",
    "Ella",
    "Alice",
    "Olivia",
    "Vera",
    "Saga",
    "Ebba",
    "Astrid",
    "Stella",
    "Ellen",
    "Freja",
    "Nora",
    "Tyra",
    "Agnes",
    "Selma",
    "Leah",
    "Amina",
    "Noor",
    "Hiba",
)
CHILD_MALE = (
    "Hugo",
    "Liam",
    "William",
    "Noah",
    "Lucas",
    "Oliver",
    "Elias",
    "Adam",
    "Alexander",
    "Viggo",
    "Leo",
    "Theo",
    "Melvin",
    "Axel",
    "Isak",
    "Charlie",
    "Ludvig",
    "Vincent",
    "Yusuf",
    "Omar",
    "Malte",
)
ADULT_FEMALE = (
    "Anna",
    "Maria",
    "Sara",
    "Emma",
    "Jenny",
    "Linda",
    "Malin",
    "Sofia",
    "Jessica",
    "Caroline",
    "Johanna",
    "Elin",
    "Hanna",
    "Therese",
    "Frida",
    "Josefin",
    "Madeleine",
    "Yasmin",
    "Leyla",
    "Sandra",
    "Emelie",
    "Lisa",
    "Nathalie",
    "Rebecka",
    "Fatima",
)
ADULT_MALE = (
    "Johan",
    "Andreas",
    "Daniel",
    "Mattias",
    "Fredrik",
    "Marcus",
    "Niklas",
    "Jimmy",
    "Christoffer",
    "Tobias",
    "Erik",
    "Jonas",
    "Martin",
    "Robin",
    "Sebastian",
    "Kristoffer",
    "Mohammed",
    "Ahmed",
    "Dennis",
    "Patrik",
    "Simon",
    "Joakim",
    "Anton",
    "Mustafa",
    "Rasmus",
)
OLDER_FEMALE = (
    "Gunnel",
    "Britt",
    "Margareta",
    "Birgitta",
    "Ingrid",
    "Elsie",
    "Maj",
    "Ulla",
    "Anna-Lisa",
    "Gun",
    "Inga",
    "Solveig",
    "Karin",
    "Elsa",
    "Gerd",
    "Astrid",
    "Ingegerd",
    "Märta",
)
OLDER_MALE = (
    "Sven",
    "Gösta",
    "Karl-Erik",
    "Bengt",
    "Lennart",
    "Rolf",
    "Stig",
    "Olle",
    "Åke",
    "Bertil",
    "Ingvar",
    "Göran",
    "Evert",
    "Allan",
    "Nils",
    "Harald",
    "Lars-Göran",
    "Gunnar",
)

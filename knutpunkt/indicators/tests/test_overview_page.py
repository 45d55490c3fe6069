"""The overview page: every key figure of a municipality, the actor's own by default."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knutpunkt.indicators.models import Area, AreaKind, IndicatorValue
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.indicators import LAST_YEAR, client_without_membership, make_figures

URL = reverse("indicators:overview")


def test_staff_see_their_own_municipality_by_default(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL)
    assert response.status_code == 200
    assert response.context["area"].code == "1780"
    assert "Nyckeltal för Karlstad" in response.content.decode()


def test_the_overview_shows_the_latest_value_sweden_and_the_judgement(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "3,4" in page  # Karlstad's economic assistance 2022
    assert "2,8" in page  # Sweden's
    assert "Bättre" in page  # assistance fell by 0.5 over five years
    assert "Ingen bedömning" in page  # the population count has no direction


def test_published_values_say_kolada_and_group_averages_say_knutpunkt(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "Källa: Kolada." in page
    assert "Medelvärden för grupperna: Knutpunkts bearbetning av data från Kolada" in page


def test_each_key_figure_links_to_its_detail_page(cast: Cast) -> None:
    world = make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    assert reverse("indicators:detail", args=["1780", world.assistance.code]) in page


def test_another_municipality_is_chosen_in_the_form(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL, {"kommun": "1784"})
    assert response.context["area"].name == "Arvika"


def test_an_unknown_municipality_in_the_form_is_an_error(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL, {"kommun": "9999"})
    assert response.status_code == 200
    assert response.context["area"] is None
    assert response.context["form"].errors


def test_someone_without_a_municipality_gets_the_chooser(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.cecilia).get(URL)  # BUP Värmland: a region
    assert response.context["area"] is None
    assert "Välj en kommun för att se dess nyckeltal." in response.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_municipalities(cast: Cast) -> None:
    world = make_figures()
    client = cast.client(cast.anna)
    client.get(URL)
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    region = world.karlstad.parent
    for number in range(20):
        area = Area.objects.create(
            code=f"99{number:02d}", kind=AreaKind.MUNICIPALITY, name=f"Ny {number}", parent=region
        )
        IndicatorValue.objects.create(indicator=world.assistance, area=area, year=LAST_YEAR, value=number)
        world.skr.members.add(area)
    with CaptureQueriesContext(connection) as after:
        client.get(URL)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_someone_without_an_active_membership_is_refused(cast: Cast) -> None:
    make_figures()
    assert client_without_membership(cast).get(URL).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(db: None) -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_main_menu_has_key_figures_marked_as_the_current_page(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.ali).get(URL).content.decode()
    assert f'<a href="{URL}" aria-current="page">Nyckeltal</a>' in page

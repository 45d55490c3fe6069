"""Users create and revoke their own API keys; nobody else's."""

from __future__ import annotations

from django.urls import reverse

from knutpunkt.api.actions import create_api_key
from knutpunkt.api.models import ApiKey, hash_key
from knutpunkt.testing.cast import Cast


def test_a_key_is_shown_once_and_only_its_hash_is_stored(cast: Cast) -> None:
    client = cast.client(cast.anna)
    response = client.post(
        reverse("api_keys:list"), {"name": "Journal", "membership": cast.membership(cast.anna).pk, "valid_days": 30}
    )
    secret = response.context["secret"]
    key = ApiKey.objects.get(name="Journal")
    assert key.key_hash == hash_key(secret)
    assert secret not in client.get(reverse("api_keys:list")).content.decode()


def test_a_key_cannot_act_for_someone_elses_membership(cast: Cast) -> None:
    response = cast.client(cast.olle).post(
        reverse("api_keys:list"), {"name": "x", "membership": cast.membership(cast.anna).pk, "valid_days": 30}
    )
    assert response.status_code == 200
    assert "membership" in response.context["form"].errors
    assert not ApiKey.objects.filter(name="x").exists()


def test_validity_is_at_most_a_year(cast: Cast) -> None:
    response = cast.client(cast.anna).post(
        reverse("api_keys:list"), {"name": "y", "membership": cast.membership(cast.anna).pk, "valid_days": 400}
    )
    assert "valid_days" in response.context["form"].errors


def test_the_outsider_cannot_revoke_annas_key(cast: Cast) -> None:
    key, _secret = create_api_key(cast.actor(cast.anna), name="k", membership=cast.membership(cast.anna), valid_days=5)
    assert cast.client(cast.olle).post(reverse("api_keys:revoke", args=[key.uuid])).status_code == 404
    key.refresh_from_db()
    assert key.revoked_at is None
    cast.client(cast.anna).post(reverse("api_keys:revoke", args=[key.uuid]))
    key.refresh_from_db()
    assert key.revoked_at is not None

"""Login throttling (django-axes): after a few wrong passwords the account is locked for a
while from that address, on the site's login page and on the admin's."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

PASSWORD = "lantern mosaic harbour 42"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("rina", "rina@example.org", PASSWORD)


@pytest.mark.parametrize("login", ["login", "admin:login"])
def test_many_wrong_passwords_lock_the_account_even_for_the_right_one(staff, login, settings):
    client = Client()
    url = reverse(login)
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": "rina", "password": f"salah{n}"})
        assert response.status_code in {200, 429}
    response = client.post(url, {"username": "rina", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Too many failed logins" in response.text


def test_a_few_wrong_passwords_then_the_right_one_logs_in(staff):
    client = Client()
    for n in range(2):
        client.post(reverse("login"), {"username": "rina", "password": f"salah{n}"})
    response = client.post(reverse("login"), {"username": "rina", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)

"""The office's users in the pages: an administrator adds a user, who sets their own password
through a link (shown once when no e-mail can carry it); a user who is not an administrator
cannot manage users; a disabled user's session ends; a link works once."""

from __future__ import annotations

import re
from typing import Any

from tests.web.test_pages import token_of
from tests.web.test_records_pages import text_of

ADMIN_PASSWORD = "an administrator's long pass phrase"


def signed_in_as(app: Any, username: str, password: str) -> Any:
    client = app.test_client()
    login = client.get("/office/login?lang=tr")
    r = client.post(
        "/office/login",
        data={"username": username, "password": password, "csrf_token": token_of(login.data)},
    )
    assert r.status_code == 302, r.data[:300]
    return client


def test_an_administrator_adds_a_user_who_sets_their_own_password(app: Any) -> None:
    users = app.extensions["docservice"].users
    users.create("admin", "Selma Aydın", ADMIN_PASSWORD, is_admin=True)
    admin = signed_in_as(app, "admin", ADMIN_PASSWORD)
    page = admin.get("/office/users/?lang=tr")
    assert page.status_code == 200 and "Ofisin kullanıcıları" in text_of(page.data)
    r = admin.post(
        "/office/users/?lang=tr",
        data={
            "csrf_token": token_of(page.data),
            "name": "Mehmet Kaya",
            "username": "mehmet",
            "email": "mehmet@example.edu.tr",
        },
    )
    words = text_of(r.data)
    assert "Mehmet Kaya eklendi." in words and "Aşağıdaki bağlantıyı iletin" in words  # no SMTP
    link = re.search(r'value="(http[^"]+/office/password/[^"]+)"', r.data.decode()).group(1)
    path = link.split("127.0.0.1:8000")[-1]

    client = app.test_client()
    form = client.get(path + "?lang=tr")
    assert "Mehmet Kaya (mehmet) için" in text_of(form.data)
    r = client.post(
        path,
        data={"csrf_token": token_of(form.data), "password": "0123456789a", "again": "x"},
    )
    assert "İki parola farklı" in text_of(r.data)
    new_password = "mehmet's own long password"
    r = client.post(
        path,
        data={"csrf_token": token_of(form.data), "password": new_password, "again": new_password},
    )
    assert r.status_code == 302 and r.location.endswith("/office/login")
    assert client.get(path).status_code == 404  # the link worked once

    mehmet = signed_in_as(app, "mehmet", new_password)
    assert mehmet.get("/office/users/").status_code == 403  # not an administrator
    assert "Kullanıcılar" not in text_of(mehmet.get("/office/?lang=tr").data)

    page = admin.get("/office/users/?lang=tr")
    r = admin.post("/office/users/mehmet/disable", data={"csrf_token": token_of(page.data)})
    assert r.status_code == 302
    assert mehmet.get("/office/").status_code == 302  # signed out: sent to sign in
    r = admin.post("/office/users/admin/disable?lang=tr", data={"csrf_token": token_of(page.data)})
    assert "Kendinizi devre dışı bırakamazsınız." in text_of(
        admin.get("/office/users/?lang=tr").data
    )


def test_the_login_page_offers_a_reset_and_never_the_command_line(app: Any) -> None:
    page = text_of(app.test_client().get("/office/login?lang=tr").data)
    assert "Parolanızı mı unuttunuz?" in page and "docservice user" not in page
    client = app.test_client()
    form = client.get("/office/password/?lang=tr")
    r = client.post(
        "/office/password/?lang=tr", data={"csrf_token": token_of(form.data), "who": "nobody"}
    )
    assert r.status_code == 302  # the same answer whether the account exists or not
    assert "Bu kullanıcı adına ya da adrese sahip" in text_of(client.get(r.location).data)
    assert client.get("/office/password/not-a-token").status_code == 404

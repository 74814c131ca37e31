"""The selection pages in Turkish: a call created, its sheet read and confirmed, ranked with
every score's parts, the budget, the letter deadline, a withdrawal, the files and the steps;
a wrong sheet named by row and column in Turkish, nothing stored."""

from __future__ import annotations

import io
import re
from typing import Any

from tests.selection.test_select_cli import APPLICATIONS
from tests.web.test_pages import signed_in_client, token_of
from tests.web.test_records_pages import text_of


def new_call(office: Any, **values: str) -> str:
    page = office.get("/office/calls/?lang=tr")
    assert "Çağrılar ve seçim" in page.data.decode()
    form = {
        "csrf_token": token_of(page.data),
        "name": "2025 personel hareketliliği",
        "action": "KA131",
        "call_year": "2025",
        "rules": "ktu-2025",
        "quota": "6",
        "budget": "6.000",
        **values,
    }
    r = office.post("/office/calls/?lang=tr", data=form)
    assert r.status_code == 302, text_of(r.data)
    return str(r.headers["Location"].rsplit("/", 1)[-1])


def send_sheet(office: Any, call_id: str, data: bytes, token: str) -> Any:
    return office.post(
        f"/office/calls/{call_id}/applications?lang=tr",
        data={"csrf_token": token, "file": (io.BytesIO(data), "basvurular.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def test_a_call_in_turkish_from_sheet_to_the_steps(app: Any) -> None:
    office = signed_in_client(app)
    call_id = new_call(office)
    page = office.get(f"/office/calls/{call_id}?lang=tr")
    token = token_of(page.data)
    assert "KTÜ Erasmus+ personel hareketliliği, 2025 çağrısı" in page.data.decode()
    preview = send_sheet(office, call_id, APPLICATIONS.read_bytes(), token).data.decode()
    assert "12 yeni, 0 değişecek, 0 değişmeyecek." in text_of(preview.encode())
    found = re.search(r'name="token" value="([^"]+)"', preview)
    assert found is not None
    r = office.post(
        f"/office/calls/{call_id}/applications/confirm?lang=tr",
        data={"csrf_token": token, "token": found.group(1)},
        follow_redirects=True,
    )
    assert "Başvurular 12" in text_of(r.data)
    r = office.post(
        f"/office/calls/{call_id}/ranking?lang=tr",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    text = text_of(r.data)
    assert "Asil liste" in text and "Yedek liste" in text
    assert "Başvuru koşullarını sağlamayanlar" in text
    assert "dil puanı 47, en az 50 olması gereken puanın altında" in text
    assert "eğitim alma faaliyetinde idari personel +10" in text
    assert "6 kontenjan içinde" in text
    assert "6.000,00 € bütçe 6 asil adaydan 5 tanesini karşılıyor" in text
    assert "Anonim liste" in text
    for english in ("Main list", "within the", "Reserve list", "points", "capital"):
        assert english not in text, english

    # the files
    xlsx = office.get(f"/office/calls/{call_id}/lists.xlsx?lang=tr")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    public = office.get(f"/office/calls/{call_id}/lists.csv?public=1&lang=tr").data.decode(
        "utf-8-sig"
    )
    assert "Öztürk" not in public and "2025-STA-002" in public and "Asil liste" in public

    # the deadline: the sixth main candidate sends nothing (the first two gave theirs at
    # application), the first reserve does: rule (b) moves it up
    main = re.findall(r'name="delivered" value="([^"]+)"', r.data.decode())
    assert len(main) == 10 and main[5] == "2025-STA-001"
    delivered = main[2:5] + main[6:7]
    r = office.post(
        f"/office/calls/{call_id}/letters?lang=tr",
        data={"csrf_token": token, "delivered": delivered},
        follow_redirects=True,
    )
    text = text_of(r.data)
    assert "Değerlendirme dışı kalanlar" in text
    assert "son tarihe kadar kabul mektubu sunulmadı" in text
    assert "(b) kuralı" in text
    r = office.post(
        f"/office/calls/{call_id}/withdrawals?lang=tr",
        data={"csrf_token": token, "application_id": main[1], "no_show": "on", "note": "sağlık"},
        follow_redirects=True,
    )
    text = text_of(r.data)
    assert "Feragat edenler" in text and "feragat etti" in text
    assert "sağlık" in text
    history = text_of(office.get("/office/calls/history?lang=tr").data)
    assert "gitmedi" in history


def test_a_wrong_sheet_is_named_in_turkish_and_nothing_is_stored(app: Any) -> None:
    office = signed_in_client(app)
    call_id = new_call(office)
    token = token_of(office.get(f"/office/calls/{call_id}?lang=tr").data)
    bad = (
        b"application_id,given_names,surname,category,activity,host_country,language_score,claims\n"
        b"X1,Ali,Veli,academic,teaching,DE,120,\n"
        b"X1,Ali,Deli,academic,teaching,DE,70,magic\n"
    )
    text = text_of(send_sheet(office, call_id, bad, token).data)
    assert "Tabloda 3 sorun var; hiçbir satır içe aktarılmadı:" in text
    assert "2. satır, language_score: 0 ile 100 arasında bir puan olmalıdır, 120 değil" in text
    assert "3. satır, application_id: X1 zaten 2. satırdaki başvurunun numarası" in text
    assert "Başvurular 0" in text


def test_an_application_entered_in_the_page(app: Any) -> None:
    office = signed_in_client(app)
    call_id = new_call(office)
    token = token_of(office.get(f"/office/calls/{call_id}?lang=tr").data)
    form = {
        "csrf_token": token,
        "application_id": "F-1",
        "given_names": "Ümran",
        "surname": "Işık",
        "category": "administrative",
        "activity": "training",
        "host_country": "PL",
        "citizenship": "TR",
        "language_score": "61,5",
        "previous_mobilities": "0",
        "years_of_service": "4",
        "claim": ["disability", "nonsense"],
    }
    r = office.post(
        f"/office/calls/{call_id}/applications/new?lang=tr", data=form, follow_redirects=True
    )
    assert "Ümran Işık adlı kişinin başvurusu eklendi." in text_of(r.data)
    again = office.post(
        f"/office/calls/{call_id}/applications/new?lang=tr",
        data={**form, "language_score": "150"},
        follow_redirects=True,
    )
    assert "Dil puanı: 0 ile 100 arasında bir puan olmalıdır, 150 değil" in text_of(again.data)
    twice = office.post(
        f"/office/calls/{call_id}/applications/new?lang=tr", data=form, follow_redirects=True
    )
    assert "F-1 numaralı bir başvuru zaten var" in text_of(twice.data)
    ranking = office.post(
        f"/office/calls/{call_id}/ranking?lang=tr",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert (
        "dil puanı 61,5, eğitim alma faaliyetinde idari personel +10, engelli personel +10"
        in text_of(ranking.data)
    )


def test_a_call_with_its_own_places_per_country(app: Any) -> None:
    office = signed_in_client(app)
    call_id = new_call(office, places_country="PL=1, de=2")
    text = text_of(office.get(f"/office/calls/{call_id}?lang=tr").data)
    assert "Ülke başına kontenjan Almanya 2, Polonya 1" in text
    page = office.get("/office/calls/?lang=tr")
    r = office.post(
        "/office/calls/?lang=tr",
        data={
            "csrf_token": token_of(page.data),
            "name": "x",
            "action": "KA171",
            "call_year": "2025",
            "places_country": "PL:iki",
        },
    )
    assert "Kontenjanları kod=sayı biçiminde, virgülle ayırarak yazın" in text_of(r.data)
    r = office.post(
        "/office/calls/?lang=tr",
        data={
            "csrf_token": token_of(page.data),
            "name": "x",
            "action": "KA171",
            "call_year": "1999",
            "places_country": "XX=1",
        },
    )
    text = text_of(r.data)
    assert "Ülke veya bölge başına kontenjan: XX: ISO 3166-1 alfa-2 ülke kodu değil" in text
    assert "Çağrı yılı: en az 2014 olmalı" in text

"""The Turkish of the web pages. ``python -m docservice.web.translations.tr`` extracts the
messages (pybabel) and writes ``tr/LC_MESSAGES/messages.po`` from this table; a message without a
translation is reported, and a test keeps the table and the pages in step."""

from __future__ import annotations

TR: dict[str, str | tuple[str, str]] = {
    "Grant agreement": "Hibe sözleşmesi",
    "Mobility agreement": "Hareketlilik anlaşması",
    "Certificate of attendance (draft for the host)": "Katılım belgesi (kurum için taslak)",
    "Acceptance letter (draft for the host)": "Kabul mektubu (kurum için taslak)",
    "missing": "eksik",
    "waiting to be checked": "kontrol sırasında",
    "being checked": "kontrol ediliyor",
    "passed": "uygun",
    "failed": "uygun değil",
    "to review": "incelenecek",
    "accepted": "kabul edildi",
    "rejected": "reddedildi",
    "Not uploaded yet.": "Henüz yüklenmedi.",
    "Received; the check starts in a moment.": "Alındı; kontrol birazdan başlıyor.",
    "Being checked…": "Kontrol ediliyor…",
    "Checked: everything needed is there.": "Kontrol edildi: gereken her şey var.",
    "The check found a problem: see below what to fix, then upload it again.": (
        "Kontrolde bir sorun bulundu: neyin düzeltileceğini aşağıda görün, sonra yeniden yükleyin."
    ),
    "Received: the office will look at it.": "Alındı: ofis inceleyecek.",
    "Accepted by the office.": "Ofis tarafından kabul edildi.",
    "Rejected by the office: see the reason, then upload it again.": (
        "Ofis tarafından reddedildi: gerekçeyi okuyun, sonra yeniden yükleyin."
    ),
    "documents pending": "belgeler bekleniyor",
    "ready for prefinancing": "ön ödemeye hazır",
    "ready for the balance": "kalan ödemeye hazır",
    "to recover": "geri alınacak",
    "teaching": "ders verme",
    "training": "eğitim alma",
    "studies": "öğrenim",
    "traineeship": "staj",
    "waiting for documents": "belgeler bekleniyor",
    "the documents agree": "belgeler birbiriyle uyumlu",
    "the documents disagree": "belgeler birbiriyle çelişiyor",
    " or ": " veya ",
    "The username or the password is wrong.": "Kullanıcı adı veya parola yanlış.",
    "Too many wrong passwords: wait 15 minutes and try again.": (
        "Çok fazla yanlış parola girildi: 15 dakika bekleyip yeniden deneyin."
    ),
    "You are signed out.": "Oturumunuz kapatıldı.",
    "Your decision is recorded.": "Kararınız kaydedildi.",
    "The reconciliation is confirmed.": "Tarih karşılaştırması onaylandı.",
    "Force majeure is recorded.": "Mücbir sebep kaydedildi.",
    "Choose DOCX or PDF.": "DOCX veya PDF seçin.",
    "Generated %(code)s.": "%(code)s oluşturuldu.",
    "Choose a .csv or .xlsx file of mobilities.": "Hareketliliklerin .csv veya .xlsx dosyasını seçin.",
    "Choose the file to upload first.": "Önce yüklenecek dosyayı seçin.",
    "Thank you: the document is received and is being checked.": (
        "Teşekkürler: belge alındı ve kontrol ediliyor."
    ),
    "Skip to the content": "İçeriğe geç",
    "Main": "Ana menü",
    "Mobilities": "Hareketlilikler",
    "Import": "İçe aktar",
    "Batch generation": "Toplu belge üretimi",
    "Sign out": "Çıkış yap",
    "Documents for every row of a sheet of mobilities, in one ZIP with a manifest of their verification codes.": (
        "Bir hareketlilik tablosunun her satırı için belgeler; doğrulama kodlarının listesiyle "
        "tek bir ZIP dosyasında."
    ),
    "Sheet (.csv or .xlsx)": "Tablo (.csv veya .xlsx)",
    "Documents": "Belgeler",
    "Formats": "Biçimler",
    "Language": "Dil",
    "Start": "Başlat",
    "%(done)s of %(total)s documents": "%(total)s belgeden %(done)s tanesi hazır",
    "%(failed)s rows could not be used": "%(failed)s satır kullanılamadı",
    "Download the ZIP": "ZIP dosyasını indir",
    "What is waiting": "Bekleyen işler",
    "dossiers": "dosya",
    "documents to review": "incelenecek belge",
    "documents failed": "uygun olmayan belge",
    "Name or reference": "Ad veya proje numarası",
    "Call": "Teklif çağrısı",
    "Action": "Eylem",
    "Activity": "Faaliyet",
    "Host country": "Ev sahibi ülke",
    "State": "Durum",
    "all": "tümü",
    "Show": "Göster",
    "%(num)d dossier": ("%(num)d dosya", "%(num)d dosya"),
    "Mobilities and their documents": "Hareketlilikler ve belgeleri",
    "Participant": "Katılımcı",
    "Host": "Ev sahibi kurum",
    "Dates": "Tarihler",
    "Needs a person": "İnsan gözü gerekiyor",
    "Pages": "Sayfalar",
    "No mobility matches. Import a sheet of mobilities, or change the filters.": (
        "Eşleşen hareketlilik yok. Bir hareketlilik tablosu içe aktarın veya süzgeçleri değiştirin."
    ),
    "Import mobilities": "Hareketlilikleri içe aktar",
    "A CSV or Excel sheet, one mobility a row, with the record's keys as columns (participant.surname, receiving.city, start_date, …). Each valid row becomes a dossier; a reference that has one already is left as it is.": (
        "Her satırda bir hareketlilik olan, sütunları kaydın alanları olan (participant.surname, "
        "receiving.city, start_date, …) bir CSV veya Excel tablosu. Her geçerli satır bir dosya "
        "olur; dosyası zaten olan bir proje numarası olduğu gibi bırakılır."
    ),
    "Result": "Sonuç",
    "%(created)d new, %(existing)d already there, %(errors)d with mistakes.": (
        "%(created)d yeni, %(existing)d zaten var, %(errors)d hatalı."
    ),
    "New dossiers": "Yeni dosyalar",
    "Already there": "Zaten olanlar",
    "Rows with mistakes": "Hatalı satırlar",
    "Row %(row)d": "%(row)d. satır",
    "Sign in": "Giriş yap",
    "Sign in to the Erasmus+ office": "Erasmus+ ofisine giriş",
    "Username": "Kullanıcı adı",
    "Password": "Parola",
    "An administrator makes accounts with: docservice user create USERNAME": (
        "Hesapları yönetici açar: docservice user create KULLANICI_ADI"
    ),
    "not required": "zorunlu değil",
    "either this or the other border document": "bu veya diğer sınır belgesi",
    "checked by an officer": "ofis tarafından kontrol edilir",
    "file deleted at the end of its retention period": "saklama süresi dolduğu için dosya silindi",
    "Every check and what was read": "Tüm kontroller ve okunanlar",
    "The page with the evidence found on it marked": "Bulunan kanıtların işaretlendiği sayfa",
    "Reason": "Gerekçe",
    "ECTS credits completed": "Tamamlanan AKTS kredisi",
    "Save": "Kaydet",
    "The ECTS credits are recorded.": "AKTS kredisi kaydedildi.",
    "Write the ECTS credits as a number, such as 27 or 27.5.": (
        "AKTS kredisini 27 veya 27,5 gibi bir sayı olarak yazın."
    ),
    "How the final grant was computed": "Kesin hibe nasıl hesaplandı",
    "The acceptance letter's period fits the plan.": "Kabul mektubundaki dönem plana uyuyor.",
    "The acceptance letter's period differs from the plan.": "Kabul mektubundaki dönem plandan farklı.",
    "The certificate confirms the planned period.": "Katılım belgesi planlanan dönemi doğruluyor.",
    "The certificate confirms only part of the planned period.": "Katılım belgesi planlanan dönemin yalnızca bir kısmını doğruluyor.",
    "The certificate's period is outside the planned period.": "Katılım belgesindeki dönem planlanan dönemin dışında.",
    "A certificate of attendance with readable dates is needed.": "Tarihleri okunabilen bir katılım belgesi gerekiyor.",
    "The certificate goes beyond the period the acceptance letter accepted.": "Katılım belgesi, kabul mektubunun kabul ettiği dönemin dışına taşıyor.",
    "The travel documents agree on the departure.": "Yolculuk belgeleri gidiş tarihinde uyuşuyor.",
    "The travel documents disagree on the departure.": "Yolculuk belgeleri gidiş tarihinde uyuşmuyor.",
    "The travel documents agree on the return.": "Yolculuk belgeleri dönüş tarihinde uyuşuyor.",
    "The travel documents disagree on the return.": "Yolculuk belgeleri dönüş tarihinde uyuşmuyor.",
    "The departure's border gate fits the flight.": "Gidişteki sınır kapısı uçuşla uyuşuyor.",
    "The entry/exit record's departure gate does not fit the flight (another airport, or a land border).": (
        "Giriş-çıkış kaydındaki çıkış kapısı uçuşla uyuşmuyor (başka bir havalimanı veya kara sınırı)."
    ),
    "The return's border gate fits the flight.": "Dönüşteki sınır kapısı uçuşla uyuşuyor.",
    "The entry/exit record's return gate does not fit the flight (another airport, or a land border).": (
        "Giriş-çıkış kaydındaki giriş kapısı uçuşla uyuşmuyor (başka bir havalimanı veya kara sınırı)."
    ),
    "The journey brackets the certified period.": "Yolculuk tarihleri belgelenen dönemi kapsıyor.",
    "The journey and the certificate disagree: the participant was there for fewer days.": "Yolculuk ve katılım belgesi uyuşmuyor: katılımcı orada daha az gün kaldı.",
    "No travel document has been read yet.": "Henüz hiçbir yolculuk belgesi okunmadı.",
    "an officer's confirmation of the reconciliation findings": "tarih karşılaştırması bulgularının ofis tarafından onaylanması",
    "the actual stay (certificate of attendance and travel documents)": "gerçekleşen süre (katılım belgesi ve yolculuk belgeleri)",
    "the ECTS credits completed (ects_completed in the mobility record)": "tamamlanan AKTS kredisi (hareketlilik kaydında ects_completed)",
    "The file could not be read.": "Dosya okunamadı.",
    "This file is not the document asked for here.": "Bu dosya burada istenen belge değil.",
    "Your name was not found on the document, or another person's is.": "Belgede adınız bulunamadı ya da başka birinin adı yazıyor.",
    "The host institution's name was not found on the document.": "Belgede ev sahibi kurumun adı bulunamadı.",
    "The dates on the document are not the dates of your mobility.": "Belgedeki tarihler hareketliliğinizin tarihleri değil.",
    "The document does not say the visit was an Erasmus+ mobility.": "Belgede ziyaretin bir Erasmus+ hareketliliği olduğu yazmıyor.",
    "The teaching hours are missing or too few (at least 8 a week).": "Ders saati yazmıyor veya az (haftada en az 8 saat).",
    "The certificate is dated before the last day of your mobility.": "Belgenin tarihi hareketliliğin son gününden önce.",
    "The document is not on the host's headed paper.": "Belge ev sahibi kurumun antetli kağıdında değil.",
    "No signature was found on the document.": "Belgede imza bulunamadı.",
    "No stamp of the host institution was found on the document.": "Belgede ev sahibi kurumun mührü bulunamadı.",
    "The boarding pass's barcode could not be read, or it is not valid.": "Biniş kartının barkodu okunamadı veya geçerli değil.",
    "What is printed on the boarding pass differs from its barcode.": "Biniş kartında yazanlar barkodundakinden farklı.",
    "The passenger's name on the boarding pass is not yours.": "Biniş kartındaki yolcu adı sizin adınız değil.",
    "No outbound journey to the host on the right days was found.": "Doğru günlerde ev sahibi şehre bir gidiş yolculuğu bulunamadı.",
    "No return journey on the right days was found.": "Doğru günlerde bir dönüş yolculuğu bulunamadı.",
    "The passport stamps could not be read, or their dates do not fit the mobility.": "Pasaport damgaları okunamadı veya tarihleri hareketliliğe uymuyor.",
    "The passport's identity page does not match you.": "Pasaportun kimlik sayfası size ait görünmüyor.",
    "The verification code could not be read, or it does not match.": "Doğrulama kodu okunamadı veya eşleşmiyor.",
    "The survey was not submitted, or not at the right time.": "Anket gönderilmemiş veya doğru zamanda gönderilmemiş.",
    "The survey is for another mobility.": "Anket başka bir hareketliliğe ait.",
    "Verify a document": "Belge doğrulama",
    "Documents issued with docservice carry a verification code (DS-XXXX-XXXX-XXXX) and a QR code. Enter the code to see what the document is; add the file to check that it is unaltered.": "docservice ile düzenlenen belgelerde bir doğrulama kodu (DS-XXXX-XXXX-XXXX) ve kare kod bulunur. Belgenin ne olduğunu görmek için kodu girin; değiştirilmediğini doğrulamak için dosyayı da ekleyin.",
    "Verification code": "Doğrulama kodu",
    "The document's file (PDF or DOCX), optional": "Belgenin dosyası (PDF veya DOCX), isteğe bağlı",
    "Verify": "Doğrula",
    "Valid document": "Geçerli belge",
    "Revoked document": "İptal edilmiş belge",
    "No document was issued with this code": "Bu kodla düzenlenmiş bir belge yok",
    "Check the code for typos: it has 12 letters and digits after DS.": "Kodu kontrol edin: DS'den sonra 12 harf ve rakamdan oluşur.",
    "This is not a valid verification code": "Bu geçerli bir doğrulama kodu değil",
    "Document": "Belge",
    "Issued by": "Düzenleyen",
    "Issued on": "Düzenlenme tarihi",
    "Check the file you received": "Elinizdeki dosyayı doğrulayın",
    "Result for the file": "Dosyanın sonucu",
    "Authentic and unaltered": "Aslına uygun, değiştirilmemiş",
    "Altered: this is not the file that was issued": "Değiştirilmiş: düzenlenen dosya bu değil",
    "Not issued: the code in this file was never issued": "Düzenlenmemiş: bu dosyadaki kod hiç verilmedi",
    "Not recognised": "Tanınmadı",
    "This file is a different document": "Bu dosya başka bir belgeye ait",
    "Digital signature": "Elektronik imza",
    "valid, covers the whole file": "geçerli, dosyanın tamamını kapsıyor",
    "NOT valid": "GEÇERSİZ",
    "The form has expired": "Formun süresi doldu",
    "The page was open too long, or the form was sent from another site. Go back, reload the page and send the form again.": (
        "Sayfa çok uzun süre açık kaldı veya form başka bir siteden gönderildi. Geri dönün, "
        "sayfayı yenileyin ve formu yeniden gönderin."
    ),
    "Not found": "Bulunamadı",
    "This page does not exist, or the link is no longer valid (a participant's link ends when the office makes a new one). Ask the Erasmus+ office for a new link.": (
        "Bu sayfa yok veya bağlantı artık geçerli değil (ofis yeni bir bağlantı oluşturduğunda "
        "eskisi geçersiz olur). Erasmus+ ofisinden yeni bir bağlantı isteyin."
    ),
    "Accept or reject": "Kabul veya ret",
    "waiting": "bekleniyor",
    "Accept": "Kabul et",
    "Reject": "Reddet",
    "Waiting for:": "Beklenenler:",
    "Mobility": "Hareketlilik",
    "call": "çağrı",
    "Sending": "Gönderen kurum",
    "Funded travel days": "Desteklenen yolculuk günleri",
    "green travel": "yeşil seyahat",
    "Teaching hours": "Ders saati",
    "E-mail": "E-posta",
    "Grant": "Hibe",
    "Planned total": "Planlanan toplam",
    "Prefinancing": "Ön ödeme",
    "Balance": "Kalan ödeme",
    "How it was computed": "Nasıl hesaplandı",
    "Final grant": "Kesin hibe",
    "Actual stay": "Gerçekleşen süre",
    "Final total": "Kesin toplam",
    "Prefinancing paid": "Ödenen ön ödeme",
    "To recover": "Geri alınacak",
    "Balance to pay": "Ödenecek kalan",
    "Force majeure is recorded:": "Mücbir sebep kaydı:",
    "Withdraw force majeure": "Mücbir sebebi geri al",
    "Record force majeure": "Mücbir sebep kaydet",
    "What happened": "Ne oldu",
    "Before departure": "Gitmeden önce",
    "After return": "Dönüşten sonra",
    "Do the documents agree?": "Belgeler birbiriyle uyumlu mu?",
    "Actual stay:": "Gerçekleşen süre:",
    "%(num)d day": ("%(num)d gün", "%(num)d gün"),
    "Confirmed by %(by)s: %(reason)s": "%(by)s onayladı: %(reason)s",
    "Why the final grant may be computed from these findings": (
        "Kesin hibe neden bu bulgulara göre hesaplanabilir"
    ),
    "Confirm the findings": "Bulguları onayla",
    "Documents for this mobility": "Bu hareketliliğin belgeleri",
    "Format": "Biçim",
    "Generate": "Oluştur",
    "download": "indir",
    "revoked": "iptal edildi",
    "The participant's link": "Katılımcının bağlantısı",
    "The participant uploads documents and sees the checks through a personal link. A new link replaces the old one.": (
        "Katılımcı belgeleri kişisel bir bağlantıyla yükler ve kontrolleri görür. Yeni bir "
        "bağlantı eskisinin yerini alır."
    ),
    "Send this link to the participant (it is shown once):": (
        "Bu bağlantıyı katılımcıya gönderin (yalnızca bir kez gösterilir):"
    ),
    "Make a new link": "Yeni bağlantı oluştur",
    "Decisions": "Kararlar",
    "No decision yet.": "Henüz karar yok.",
    "Your Erasmus+ documents": "Erasmus+ belgeleriniz",
    "Hello %(name)s.": "Merhaba %(name)s.",
    "Your mobility: %(host)s, %(start)s – %(end)s.": "Hareketliliğiniz: %(host)s, %(start)s – %(end)s.",
    "Upload each document below as a PDF, JPEG or PNG (at most %(mb)d MB). It is checked at once; the answer appears here.": (
        "Aşağıdaki her belgeyi PDF, JPEG veya PNG olarak yükleyin (en çok %(mb)d MB). Belge hemen "
        "kontrol edilir; sonuç burada görünür."
    ),
    "To sign": "İmzalanacaklar",
    "only if you have one": "yalnızca varsa",
    "or the other border document": "veya diğer sınır belgesi",
    "Choose the file, or drop it here": "Dosyayı seçin veya buraya bırakın",
    "Upload": "Yükle",
    "Sending…": "Gönderiliyor…",
    "The upload did not go through; try again.": "Yükleme tamamlanamadı; yeniden deneyin.",
}


def main() -> None:
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from babel.messages.pofile import read_po, write_po

    root = Path(__file__).resolve().parents[3]
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
             "-k", "_l", "-o", str(pot), "--no-location", "--omit-header", "."],
            cwd=root, check=True, capture_output=True,
        )  # fmt: skip
        with pot.open("rb") as handle:
            catalogue = read_po(handle, locale="tr")
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key not in TR:
            missing.append(key)
            continue
        message.string = TR[key]
    catalogue.project, catalogue.version = "docservice", "1"
    catalogue.copyright_holder = "the docservice authors"
    catalogue.msgid_bugs_address = ""
    catalogue.last_translator = "the docservice authors"
    catalogue.language_team = "Türkçe"
    catalogue.fuzzy = False
    target = Path(__file__).parent / "tr" / "LC_MESSAGES" / "messages.po"
    if "--check" in sys.argv:  # the committed .po must say what this table says
        with target.open("rb") as handle:
            committed = {m.id: m.string for m in read_po(handle, locale="tr") if m.id}
        wanted = {m.id: m.string for m in catalogue if m.id}
        if committed != wanted:
            print(
                "tr/LC_MESSAGES/messages.po is out of date: run "
                "python -m docservice.web.translations.tr",
                file=sys.stderr,
            )
            missing.append("(stale .po)")
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_po(handle, catalogue, omit_header=False, no_location=True, width=100)
    for key in missing:
        print(f"no Turkish for: {key!r}", file=sys.stderr)
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()

"""Build the shipped DOCX templates from this description.

The .docx files beside this script are what docservice renders and what an office edits in Word;
this script only makes the shipped versions, so that their content is reviewable as text. Run it
after changing a template here (``.venv/bin/python templates/make.py``), then run
``docservice templates check`` and the tests. An office never needs it: it edits the .docx.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell

HERE = Path(__file__).parent
NAVY = RGBColor(0x16, 0x30, 0x63)
GREY = RGBColor(0x55, 0x55, 0x55)


def new_document(title: str) -> DocumentType:
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = "docservice"
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    section.top_margin, section.bottom_margin = Mm(15), Mm(15)
    section.header_distance = section.footer_distance = Mm(8)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    normal.paragraph_format.space_after = Pt(4)
    for level, size in ((1, 14), (2, 11)):
        style = doc.styles[f"Heading {level}"]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = NAVY
        style.paragraph_format.space_before = Pt(10 if level == 2 else 4)
        style.paragraph_format.space_after = Pt(4)
    return doc


def para(target, text: str = "", *, bold=False, italic=False, size=None, align=None, color=None):
    p = target.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = color
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "justify":
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return p


def tag(target, text: str):
    """A paragraph that holds only a docxtpl paragraph tag ({%p ... %}); it disappears."""
    return target.add_paragraph(text)


def widths(table: Table, *mm: float) -> None:
    """Fixed column widths that Word and LibreOffice both keep."""
    table.autofit = False
    for column, width in zip(table.columns, mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def borders(table: Table, size: int = 4) -> None:
    tbl_pr = table._tbl.tblPr
    edges = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), str(size))
        element.set(qn("w:color"), "8A94A6")
        edges.append(element)
    tbl_pr.append(edges)


def shade(cell: _Cell, fill: str = "E8EDF5") -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def cell_text(cell: _Cell, text: str, *, bold=False, size=None) -> None:
    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)


def fields(target, rows: list[tuple[str, str]], column_widths=(60, 110)) -> Table:
    """A two-column table of label | value."""
    table = target.add_table(rows=0, cols=2)
    borders(table)
    for label, value in rows:
        cells = table.add_row().cells
        cell_text(cells[0], label, bold=True)
        shade(cells[0])
        cell_text(cells[1], value)
    widths(table, *column_widths)
    target.add_paragraph()
    return table


def letterhead(doc: DocumentType) -> None:
    """Our institution's header: logo, name, office, address."""
    header = doc.sections[0].header
    table = header.add_table(rows=1, cols=2, width=Mm(170))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths(table, 26, 144)
    logo, text = table.rows[0].cells
    logo.paragraphs[0].add_run("{{ institution.logo }}")
    cell_text(text, "{{ institution.name }}", bold=True, size=12)
    for line in (
        "{{ institution.office }}",
        "{{ institution.address }}, {{ institution.city }} – {{ institution.country_name }}",
        "{{ institution.email }}{% if institution.phone %} · {{ institution.phone }}{% endif %}"
        " · Erasmus code {{ institution.erasmus_code }}",
    ):
        p = text.add_paragraph(line)
        p.runs[0].font.size = Pt(8)
        p.runs[0].font.color.rgb = GREY
    header.paragraphs[0].text = ""


def host_letterhead(doc: DocumentType) -> None:
    """The host prints its own letterhead; the draft shows where and whose."""
    header = doc.sections[0].header
    p = header.paragraphs[0]
    run = p.add_run(
        "[ Letterhead of {{ receiving.institution }}, {{ receiving.city }}, "
        "{{ receiving.country_name }} ]"
    )
    run.italic = True
    run.font.color.rgb = GREY
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def verification_footer(doc: DocumentType, lang: str, *, draft: bool = False) -> None:
    footer = doc.sections[0].footer
    table = footer.add_table(rows=1, cols=2, width=Mm(170))
    widths(table, 30, 140)
    qr, text = table.rows[0].cells
    qr.paragraphs[0].add_run("{{ verification.qr }}")
    if lang == "tr":
        lines = [
            "Doğrulama kodu: {{ verification.code }}",
            "Bu belgenin aslına uygunluğunu {{ verification.url }} adresinden veya kare kodu "
            "okutarak doğrulayabilirsiniz.",
            "{{ institution.name }} · {{ mobility.reference }}",
        ]
    else:
        lines = [
            "Verification code: {{ verification.code }}",
            "Check that this document is authentic and unaltered at {{ verification.url }} or by "
            "scanning the QR code.",
            (
                "Draft issued by {{ institution.name_en }} for the host to put on its letterhead"
                if draft
                else "{{ institution.name }}"
            )
            + " · {{ mobility.reference }}",
        ]
    cell_text(text, lines[0], bold=True, size=8)
    for line in lines[1:]:
        p = text.add_paragraph(line)
        p.runs[0].font.size = Pt(7)
        p.runs[0].font.color.rgb = GREY
    footer.paragraphs[0].text = ""


def signatures(doc: DocumentType, parties: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(parties))
    for cell, lines in zip(table.rows[0].cells, parties, strict=True):
        cell_text(cell, lines[0], bold=True)
        for line in lines[1:]:
            cell.add_paragraph(line)


def bullets(doc: DocumentType, items: list[str]) -> None:
    for item in items:
        doc.add_paragraph(item, style="List Bullet")


# --- Grant agreement -----------------------------------------------------------------------------

GA_TEXT = {
    "tr": {
        "title": (
            "ERASMUS+ {% if mobility.is_staff %}PERSONEL{% else %}ÖĞRENCİ{% endif %} "
            "HAREKETLİLİĞİ HİBE SÖZLEŞMESİ"
        ),
        "number": "Sözleşme no: {{ mobility.reference }}",
        "parties": "TARAFLAR",
        "party1": (
            "Bir tarafta {{ institution.name }} ({{ institution.erasmus_code }}), "
            "{{ institution.address }}, {{ institution.city }}; adına imza yetkilisi "
            "{{ institution.signatory_title }} {{ institution.signatory_name }} (bundan sonra "
            "“Kurum”),"
        ),
        "party2": (
            "diğer tarafta {{ participant.full_name }}{% if participant.email %}, e-posta "
            "{{ participant.email }}{% endif %} (bundan sonra “Katılımcı”) aşağıdaki koşullarda "
            "anlaşmıştır."
        ),
        "bank": "Hibenin ödeneceği, Katılımcı adına açılmış Euro hesabı: IBAN ",
        "bank_missing": "……………………………… (Katılımcı, ödemeden önce Euro hesabının IBAN'ını bildirir)",
        "art1": "Madde 1 – Sözleşmenin konusu",
        "art1_text": (
            "Kurum, Katılımcıya {{ mobility.action_name }} kapsamında aşağıdaki hareketlilik "
            "için hibe sağlar; Katılımcı hareketliliği bu sözleşmede ve eklerinde yazıldığı gibi "
            "gerçekleştirmeyi kabul eder."
        ),
        "rows1": [
            ("Faaliyet", "{{ mobility.activity_name }}"),
            (
                "Gönderen kurum",
                "{{ sending.institution }}{% if sending.erasmus_code %} "
                "({{ sending.erasmus_code }}){% endif %}, {{ sending.city }}",
            ),
            (
                "Misafir olunan kurum",
                "{{ receiving.institution }}{% if receiving.erasmus_code %} "
                "({{ receiving.erasmus_code }}){% endif %}, {{ receiving.city }}, "
                "{{ receiving.country_name }}",
            ),
            ("Faaliyet başlangıç tarihi", "{{ mobility.start_date }}"),
            ("Faaliyet bitiş tarihi", "{{ mobility.end_date }}"),
            ("Faaliyet süresi (seyahat hariç)", "{{ mobility.duration_days }} gün"),
            ("Hibelendirilen seyahat günü", "{{ mobility.travel_days }}"),
            (
                "Yeşil seyahat",
                "{% if mobility.green_travel %}Evet{% else %}Hayır{% endif %}",
            ),
        ],
        "hours": "Ders saati",
        "art2": "Madde 2 – Hibe",
        "rows2_staff": [
            ("Günlük oran", "{{ grant.daily_rate }}"),
            ("Hibelendirilen gün", "{{ grant.funded_days }}"),
        ],
        "rows2_student": [
            ("Aylık oran", "{{ grant.monthly_rate }}"),
            ("Hibelendirilen süre", "{{ grant.months }} ay {{ grant.extra_days }} gün"),
        ],
        "rows2": [
            ("Oran tablosu", "{{ grant.rate_table }}"),
            (
                "Ülke grubu",
                "{% if grant.country_group %}{{ grant.country_group }}. grup{% endif %}"
                "{% if grant.region %} ({{ grant.region }}. bölge){% endif %}",
            ),
            ("Bireysel destek", "{{ grant.individual_support }}"),
            (
                "Mesafe ve bant",
                "{{ grant.distance_km }} km{% if grant.distance_band %}, "
                "{{ grant.distance_band }} km bandı{% endif %}",
            ),
            ("Seyahat desteği", "{{ grant.travel }}"),
            ("TOPLAM HİBE", "{{ grant.total }}"),
        ],
        "calc": "Hesaplama:",
        "notes": "Notlar:",
        "art3": "Madde 3 – Ödeme",
        "art3_text": (
            "Toplam hibenin %{{ grant.prefinancing_percent }}'i ({{ grant.prefinancing }}) ön "
            "ödeme olarak, faaliyet öncesi belgelerin tamamlanmasını takiben; kalan "
            "%{{ grant.balance_percent }} ({{ grant.balance }}) dönüş belgeleri ve çevrim içi "
            "katılımcı anketi (EU Survey) tamamlandıktan sonra Katılımcının yukarıdaki Euro "
            "hesabına ödenir."
        ),
        "art3_final": (
            "Nihai hibe, katılım belgesi ve seyahat belgeleriyle doğrulanan gerçek faaliyet "
            "tarihlerine göre yeniden hesaplanır. Fazla ödenen tutar Katılımcı tarafından Kuruma "
            "iade edilir."
        ),
        "art4": "Madde 4 – Katılımcının yükümlülükleri",
        "duties": [
            "Hareketliliği yukarıdaki tarihlerde ve Hareketlilik Anlaşmasına uygun olarak "
            "gerçekleştirmek.",
            "Hareketlilik süresinin tamamını kapsayan sağlık ve kaza sigortası yaptırmak.",
            "Dönüşte katılım belgesini, biniş kartlarını ve giriş-çıkış kayıtlarını (pasaport "
            "mühürleri veya e-Devlet Yurda Giriş-Çıkış Kayıtları) Kuruma teslim etmek.",
            "Davet e-postasını aldıktan sonra 30 gün içinde çevrim içi katılımcı anketini "
            "(EU Survey) doldurmak ve PDF kopyasını teslim etmek.",
            "Faaliyetten erken dönülmesi veya faaliyetin gerçekleştirilmemesi halinde Kuruma "
            "hemen bilgi vermek: mücbir sebep dışında asgari süreyi tamamlamayan Katılımcı hibeyi "
            "iade eder; mücbir sebepte hibe gerçekleşen süreye göre hesaplanır.",
        ],
        "art5": "Madde 5 – Uygulanacak hukuk",
        "art5_text": (
            "Bu sözleşme Türk hukukuna tabidir. Uyuşmazlıklarda {{ institution.city }} mahkemeleri "
            "yetkilidir. Sözleşme iki nüsha olarak düzenlenmiştir."
        ),
        "sign_inst": "Kurum adına",
        "sign_part": "Katılımcı",
        "sign_date": "Tarih: ……………………",
        "sign_sig": "İmza:",
        "place_date": "{{ institution.city }}, {{ issued_on }}",
    },
    "en": {
        "title": (
            "ERASMUS+ {% if mobility.is_staff %}STAFF{% else %}STUDENT{% endif %} MOBILITY "
            "GRANT AGREEMENT"
        ),
        "number": "Agreement number: {{ mobility.reference }}",
        "parties": "THE PARTIES",
        "party1": (
            "{{ institution.name }} ({{ institution.erasmus_code }}), {{ institution.address }}, "
            "{{ institution.city }}, represented for the purposes of signature of this agreement "
            "by {{ institution.signatory_name }}, {{ institution.signatory_title }} (hereafter "
            "“the institution”),"
        ),
        "party2": (
            "and {{ participant.full_name }}{% if participant.email %}, e-mail "
            "{{ participant.email }}{% endif %} (hereafter “the participant”), have agreed to the "
            "conditions below."
        ),
        "bank": "The participant's EUR account to which the grant is paid: IBAN ",
        "bank_missing": "……………………………… (to be given by the participant before payment)",
        "art1": "Article 1 – Subject of the agreement",
        "art1_text": (
            "The institution provides the participant with a grant for the mobility below under "
            "{{ mobility.action_name }}; the participant undertakes to carry it out as this "
            "agreement and its annexes describe."
        ),
        "rows1": [
            ("Activity", "{{ mobility.activity_name }}"),
            (
                "Sending institution",
                "{{ sending.institution }}{% if sending.erasmus_code %} "
                "({{ sending.erasmus_code }}){% endif %}, {{ sending.city }}",
            ),
            (
                "Receiving institution",
                "{{ receiving.institution }}{% if receiving.erasmus_code %} "
                "({{ receiving.erasmus_code }}){% endif %}, {{ receiving.city }}, "
                "{{ receiving.country_name }}",
            ),
            ("Start date of the activity", "{{ mobility.start_date }}"),
            ("End date of the activity", "{{ mobility.end_date }}"),
            ("Duration (travel excluded)", "{{ mobility.duration_days }} days"),
            ("Funded travel days", "{{ mobility.travel_days }}"),
            ("Green travel", "{% if mobility.green_travel %}Yes{% else %}No{% endif %}"),
        ],
        "hours": "Teaching hours",
        "art2": "Article 2 – The grant",
        "rows2_staff": [
            ("Daily rate", "{{ grant.daily_rate }}"),
            ("Funded days", "{{ grant.funded_days }}"),
        ],
        "rows2_student": [
            ("Monthly rate", "{{ grant.monthly_rate }}"),
            ("Funded period", "{{ grant.months }} months {{ grant.extra_days }} days"),
        ],
        "rows2": [
            ("Rate table", "{{ grant.rate_table }}"),
            (
                "Country group",
                "{% if grant.country_group %}group {{ grant.country_group }}{% endif %}"
                "{% if grant.region %} (region {{ grant.region }}){% endif %}",
            ),
            ("Individual support", "{{ grant.individual_support }}"),
            (
                "Distance and band",
                "{{ grant.distance_km }} km{% if grant.distance_band %}, band "
                "{{ grant.distance_band }} km{% endif %}",
            ),
            ("Travel support", "{{ grant.travel }}"),
            ("TOTAL GRANT", "{{ grant.total }}"),
        ],
        "calc": "Calculation:",
        "notes": "Notes:",
        "art3": "Article 3 – Payment",
        "art3_text": (
            "A prefinancing of {{ grant.prefinancing_percent }} % of the grant "
            "({{ grant.prefinancing }}) is paid once the documents due before departure are "
            "complete; the balance of {{ grant.balance_percent }} % ({{ grant.balance }}) is paid "
            "after the return documents and the online participant report (EU Survey) are "
            "complete, to the EUR account above."
        ),
        "art3_final": (
            "The final grant is recomputed from the actual dates of the activity that the "
            "certificate of attendance and the travel documents prove. An amount paid in excess "
            "is returned by the participant."
        ),
        "art4": "Article 4 – The participant's obligations",
        "duties": [
            "To carry out the mobility on the dates above and as the mobility agreement says.",
            "To hold health and accident insurance covering the whole mobility period.",
            "On return, to hand in the certificate of attendance, the boarding passes and the "
            "record of border crossings (passport stamps or the e-Devlet entry/exit record).",
            "To complete the online participant report (EU Survey) within 30 days of receiving "
            "the invitation, and to hand in its PDF copy.",
            "To inform the institution at once of an early return or a cancelled activity: "
            "a participant who does not complete the minimum duration returns the grant unless "
            "force majeure is recognised, in which case the grant follows the actual duration.",
        ],
        "art5": "Article 5 – Applicable law",
        "art5_text": (
            "This agreement is governed by Turkish law; the courts of {{ institution.city }} are "
            "competent. It is made in two copies."
        ),
        "sign_inst": "For the institution",
        "sign_part": "The participant",
        "sign_date": "Date: ……………………",
        "sign_sig": "Signature:",
        "place_date": "{{ institution.city }}, {{ issued_on }}",
    },
}


def grant_agreement(lang: str) -> DocumentType:
    t = GA_TEXT[lang]
    doc = new_document("Grant agreement" if lang == "en" else "Hibe sözleşmesi")
    letterhead(doc)
    verification_footer(doc, lang)
    para(doc, t["title"], bold=True, size=13, align="center", color=NAVY)
    para(doc, t["number"], align="center", color=GREY)
    para(doc, t["place_date"], align="right")
    doc.add_heading(t["parties"], level=2)
    para(doc, t["party1"], align="justify")
    para(doc, t["party2"], align="justify")
    bank = para(doc, t["bank"])
    bank.add_run(
        "{% if participant.iban %}{{ participant.iban }}{% else %}"
        + t["bank_missing"]
        + "{% endif %}"
    ).bold = True
    doc.add_heading(t["art1"], level=2)
    para(doc, t["art1_text"], align="justify")
    table = fields(doc, t["rows1"])
    # The teaching hours row exists for teaching only: a row-level tag
    first = table.add_row().cells
    first[0].paragraphs[0].add_run("{%tr if mobility.is_teaching %}")
    cells = table.add_row().cells
    cell_text(cells[0], t["hours"], bold=True)
    shade(cells[0])
    cell_text(cells[1], "{{ mobility.teaching_hours }}")
    last = table.add_row().cells
    last[0].paragraphs[0].add_run("{%tr endif %}")
    doc.add_heading(t["art2"], level=2)
    grant_rows = t["rows2"][:2]
    table = fields(doc, grant_rows)
    row = table.add_row().cells
    row[0].paragraphs[0].add_run("{%tr if grant.is_staff %}")
    for label, value in t["rows2_staff"]:
        cells = table.add_row().cells
        cell_text(cells[0], label, bold=True)
        shade(cells[0])
        cell_text(cells[1], value)
    row = table.add_row().cells
    row[0].paragraphs[0].add_run("{%tr else %}")
    for label, value in t["rows2_student"]:
        cells = table.add_row().cells
        cell_text(cells[0], label, bold=True)
        shade(cells[0])
        cell_text(cells[1], value)
    row = table.add_row().cells
    row[0].paragraphs[0].add_run("{%tr endif %}")
    for label, value in t["rows2"][2:]:
        cells = table.add_row().cells
        last_row = label.isupper()
        cell_text(cells[0], label, bold=True)
        shade(cells[0], "C9D3E6" if last_row else "E8EDF5")
        cell_text(cells[1], value, bold=last_row)
    para(doc, t["calc"], bold=True)
    tag(doc, "{%p for line in grant.trace %}")
    doc.add_paragraph("{{ line }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if grant.warnings %}")
    para(doc, t["notes"], bold=True)
    tag(doc, "{%p for note in grant.warnings %}")
    doc.add_paragraph("{{ note }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    doc.add_heading(t["art3"], level=2)
    para(doc, t["art3_text"], align="justify")
    para(doc, t["art3_final"], align="justify")
    doc.add_heading(t["art4"], level=2)
    bullets(doc, t["duties"])
    doc.add_heading(t["art5"], level=2)
    para(doc, t["art5_text"], align="justify")
    para(doc)
    signatures(
        doc,
        [
            [
                t["sign_inst"],
                "{{ institution.signatory_name }}",
                "{{ institution.signatory_title }}",
                t["sign_date"],
                t["sign_sig"],
            ],
            [t["sign_part"], "{{ participant.full_name }}", "", t["sign_date"], t["sign_sig"]],
        ],
    )
    return doc


# --- Mobility agreement (the European Commission's layout) ---------------------------------------


def _parties_tables(doc: DocumentType, staff: bool) -> None:
    doc.add_heading("The staff member" if staff else "The student", level=2)
    fields(
        doc,
        [
            ("Name", "{{ participant.full_name }}"),
            ("Seniority / category" if staff else "Study cycle", "{{ participant.category }}"),
            ("Nationality", "{{ participant.nationality }}"),
            ("E-mail", "{{ participant.email }}"),
        ],
    )
    doc.add_heading("The sending institution", level=2)
    fields(
        doc,
        [
            ("Name", "{{ sending.institution }}"),
            ("Erasmus code", "{{ sending.erasmus_code }}"),
            ("Faculty / department", "………………………………"),
            ("Address", "{{ sending.city }}, {{ sending.country_name }}"),
            (
                "Contact person",
                "{{ agreement.sending_contact }}",
            ),
        ],
    )
    doc.add_heading("The receiving institution", level=2)
    fields(
        doc,
        [
            ("Name", "{{ receiving.institution }}"),
            ("Erasmus code", "{{ receiving.erasmus_code }}"),
            ("Faculty / department", "………………………………"),
            ("Address", "{{ receiving.city }}, {{ receiving.country_name }}"),
            ("Contact person", "{{ agreement.receiving_contact }}"),
        ],
    )


def _commitment(doc: DocumentType, who: str) -> None:
    doc.add_heading("Commitment of the three parties", level=2)
    para(
        doc,
        f"By signing this document, the {who}, the sending institution and the receiving "
        "institution confirm that they approve the proposed programme and will comply with "
        "all the arrangements it sets out.",
        align="justify",
    )
    signatures(
        doc,
        [
            [
                f"The {who}",
                "{{ participant.full_name }}",
                "Date: ……………………",
                "Signature:",
            ],
            [
                "The sending institution",
                "{{ institution.signatory_name }}",
                "{{ institution.signatory_title }}",
                "Date: ……………………",
                "Signature:",
            ],
            [
                "The receiving institution",
                "Name: ……………………",
                "Position: ……………………",
                "Date: ……………………",
                "Signature:",
            ],
        ],
    )


def mobility_agreement(variant: str) -> DocumentType:
    teaching = variant == "teaching"
    kind = "Teaching" if teaching else "Training"
    doc = new_document(f"Mobility agreement – staff mobility for {kind.lower()}")
    letterhead(doc)
    verification_footer(doc, "en")
    para(doc, f"STAFF MOBILITY FOR {kind.upper()}", bold=True, size=13, align="center", color=NAVY)
    para(doc, "MOBILITY AGREEMENT", bold=True, size=12, align="center", color=NAVY)
    para(doc, "{{ mobility.action_name }} · {{ mobility.reference }}", align="center", color=GREY)
    _parties_tables(doc, staff=True)
    doc.add_heading("Section to be completed before the mobility", level=2)
    rows = [
        ("Planned period: from", "{{ mobility.start_date }}"),
        ("Planned period: to", "{{ mobility.end_date }}"),
        ("Duration (days), travel excluded", "{{ mobility.duration_days }}"),
    ]
    if teaching:
        rows += [
            ("Subject area", "{{ agreement.subject_area }}"),
            ("ISCED-F code", "{{ agreement.isced_code }}"),
            ("Level (short cycle, bachelor, master, doctoral)", "{{ agreement.level }}"),
            ("Number of teaching hours", "{{ mobility.teaching_hours }}"),
            ("Language of instruction", "{{ agreement.language }}"),
        ]
    else:
        rows += [("Language of the training", "{{ agreement.language }}")]
    fields(doc, rows)
    heading = "Content of the mobility programme" if teaching else "The training programme"
    doc.add_heading(heading, level=2)
    fields(
        doc,
        [
            ("Overall objectives of the mobility", "{{ agreement.objectives }}"),
            ("Added value of the mobility", "{{ agreement.added_value }}"),
            (
                "Content of the teaching programme" if teaching else "Activities to be carried out",
                "{{ agreement.content }}",
            ),
            ("Expected outcomes and impact", "{{ agreement.outcomes }}"),
        ],
    )
    if not teaching:
        doc.add_heading("Detailed programme, day by day", level=2)
        table = doc.add_table(rows=1, cols=4)
        borders(table)
        for cell, label, width in zip(
            table.rows[0].cells,
            ("Day", "Date", "Weekday", "Activities"),
            (15, 40, 30, 85),
            strict=True,
        ):
            cell_text(cell, label, bold=True)
            shade(cell)
            cell.width = Mm(width)
        table.add_row().cells[0].paragraphs[0].add_run("{%tr for day in mobility.days %}")
        row = table.add_row().cells
        for cell, value in zip(
            row, ("{{ day.number }}", "{{ day.date }}", "{{ day.weekday }}", ""), strict=True
        ):
            cell_text(cell, value)
        table.add_row().cells[0].paragraphs[0].add_run("{%tr endfor %}")
        para(doc)
    _commitment(doc, "staff member")
    return doc


def components(doc: DocumentType, rows: int = 6) -> None:
    """An empty table of educational components for the student to fill in."""
    table = doc.add_table(rows=1, cols=4)
    borders(table)
    labels = ("Component code", "Component title", "Semester", "ECTS credits")
    for cell, label in zip(table.rows[0].cells, labels, strict=True):
        cell_text(cell, label, bold=True)
        shade(cell)
    for _ in range(rows):
        table.add_row()
    para(doc)


def learning_agreement() -> DocumentType:
    doc = new_document("Learning agreement – student mobility")
    letterhead(doc)
    verification_footer(doc, "en")
    para(doc, "LEARNING AGREEMENT", bold=True, size=13, align="center", color=NAVY)
    para(doc, "{{ mobility.activity_name }}", bold=True, align="center", color=NAVY)
    para(doc, "{{ mobility.action_name }} · {{ mobility.reference }}", align="center", color=GREY)
    _parties_tables(doc, staff=False)
    doc.add_heading("Planned period", level=2)
    fields(
        doc,
        [
            ("From", "{{ mobility.start_date }}"),
            ("To", "{{ mobility.end_date }}"),
            ("Duration (days)", "{{ mobility.duration_days }}"),
            ("Language of instruction / work", "{{ agreement.language }}"),
        ],
    )
    tag(doc, "{%p if mobility.activity == 'studies' %}")
    doc.add_heading("Table A – Study programme at the receiving institution", level=2)
    tag(doc, "{%p else %}")
    doc.add_heading("Table A – Traineeship programme at the receiving organisation", level=2)
    tag(doc, "{%p endif %}")
    components(doc)
    doc.add_heading("Table B – Recognition at the sending institution", level=2)
    components(doc)
    _commitment(doc, "student")
    return doc


# --- Drafts for the host: certificate of attendance, acceptance letter ---------------------------


def _host_signature(doc: DocumentType) -> None:
    para(doc)
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    cell_text(left, "Name of the signatory: ……………………………", size=10)
    for line in ("Position: ……………………………", "Date: ……………………………", "Signature:"):
        left.add_paragraph(line)
    cell_text(right, "Stamp of the institution", size=9)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def certificate_of_attendance() -> DocumentType:
    doc = new_document("Certificate of attendance")
    host_letterhead(doc)
    verification_footer(doc, "en", draft=True)
    para(doc, "CERTIFICATE OF ATTENDANCE", bold=True, size=14, align="center", color=NAVY)
    para(doc, "Erasmus+ {{ mobility.activity_name }}", align="center", color=GREY)
    para(doc)
    para(doc, "To whom it may concern,")
    para(
        doc,
        "We hereby confirm that {{ participant.full_name }} from {{ sending.institution }}"
        "{% if sending.erasmus_code %} ({{ sending.erasmus_code }}){% endif %}, "
        "{{ sending.city }}, {{ sending.country_name }}, has carried out an Erasmus+ "
        "{% if mobility.is_teaching %}staff mobility for teaching{% elif mobility.is_training %}"
        "staff mobility for training{% elif mobility.activity == 'studies' %}student mobility for "
        "studies{% else %}student mobility for a traineeship{% endif %} at "
        "{{ receiving.institution }}{% if receiving.erasmus_code %} ({{ receiving.erasmus_code }})"
        "{% endif %}, {{ receiving.city }}, {{ receiving.country_name }}, from "
        "{{ mobility.start_date }} to {{ mobility.end_date }}.",
        align="justify",
    )
    tag(doc, "{%p if mobility.is_teaching %}")
    para(
        doc,
        "During this period {{ participant.name }} delivered "
        "{% if mobility.teaching_hours %}{{ mobility.teaching_hours }}{% else %}………{% endif %} "
        "hours of teaching.",
        align="justify",
    )
    tag(doc, "{%p endif %}")
    fields(
        doc,
        [
            ("Participant", "{{ participant.full_name }}"),
            ("Sending institution", "{{ sending.institution }}"),
            ("Receiving institution", "{{ receiving.institution }}"),
            ("First day of the activity", "{{ mobility.start_date }}"),
            ("Last day of the activity", "{{ mobility.end_date }}"),
            (
                "Teaching hours",
                "{% if mobility.is_teaching %}{% if mobility.teaching_hours %}"
                "{{ mobility.teaching_hours }}{% else %}………{% endif %}{% else %}–{% endif %}",
            ),
            ("Mobility reference", "{{ mobility.reference }}"),
        ],
    )
    _host_signature(doc)
    return doc


def acceptance_letter() -> DocumentType:
    doc = new_document("Letter of acceptance")
    host_letterhead(doc)
    verification_footer(doc, "en", draft=True)
    para(doc, "{{ receiving.city }}, ……………………", align="right")
    para(doc, "LETTER OF ACCEPTANCE", bold=True, size=14, align="center", color=NAVY)
    para(doc, "Erasmus+ {{ mobility.activity_name }}", align="center", color=GREY)
    para(doc)
    para(doc, "Dear {{ participant.full_name }},")
    para(
        doc,
        "On behalf of {{ receiving.institution }}, we are pleased to confirm that you are accepted "
        "to carry out an Erasmus+ "
        "{% if mobility.is_teaching %}staff mobility for teaching{% elif mobility.is_training %}"
        "staff mobility for training{% elif mobility.activity == 'studies' %}student mobility for "
        "studies{% else %}student mobility for a traineeship{% endif %} at our institution, "
        "within the Erasmus+ Programme ({{ mobility.action }}), from {{ mobility.start_date }} to "
        "{{ mobility.end_date }}.",
        align="justify",
    )
    tag(doc, "{%p if mobility.is_teaching %}")
    para(
        doc,
        "You will deliver "
        "{% if mobility.teaching_hours %}{{ mobility.teaching_hours }}"
        "{% else %}at least 8{% endif %} hours of teaching in {{ agreement.subject_area }}.",
        align="justify",
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Your home institution is {{ sending.institution }}{% if sending.erasmus_code %} "
        "({{ sending.erasmus_code }}){% endif %}, {{ sending.city }}, {{ sending.country_name }}. "
        "We look forward to welcoming you.",
        align="justify",
    )
    para(doc, "Yours sincerely,")
    _host_signature(doc)
    return doc


def build_all() -> list[Path]:
    made = {
        "grant_agreement.tr.docx": grant_agreement("tr"),
        "grant_agreement.en.docx": grant_agreement("en"),
        "mobility_agreement.teaching.en.docx": mobility_agreement("teaching"),
        "mobility_agreement.training.en.docx": mobility_agreement("training"),
        "mobility_agreement.student.en.docx": learning_agreement(),
        "certificate_of_attendance.en.docx": certificate_of_attendance(),
        "acceptance_letter.en.docx": acceptance_letter(),
    }
    paths = []
    for name, doc in made.items():
        path = HERE / name
        doc.save(str(path))
        paths.append(path)
    return paths


README_HEAD = """# Templates

The documents docservice generates, as Word files an office edits. Each file is named
`NAME[.VARIANT].LANG.docx`:

| file | document |
| --- | --- |
| `grant_agreement.tr.docx`, `grant_agreement.en.docx` | Hibe sözleşmesi / grant agreement, staff and students |
| `mobility_agreement.teaching.en.docx` | mobility agreement, staff mobility for teaching (the Commission's layout) |
| `mobility_agreement.training.en.docx` | mobility agreement, staff mobility for training, with a day-by-day table |
| `mobility_agreement.student.en.docx` | learning agreement for student mobility (studies, traineeships) |
| `certificate_of_attendance.en.docx` | certificate of attendance, a draft for the host to sign and stamp |
| `acceptance_letter.en.docx` | letter of acceptance, a draft for the host to put on its letterhead |

## Editing a template

1. Copy the file into your own folder and set `DOCSERVICE_TEMPLATES_DIR` to it. A file there
   replaces the shipped file of the same name; the others stay in use. Add a language by adding a
   file (`certificate_of_attendance.tr.docx`).
2. Edit it in Word. Text in `{{ … }}` is replaced by a value; `{% if … %}…{% endif %}` shows text
   only when something holds; `{%p … %}` alone in a paragraph and `{%tr … %}` alone in a table
   row act on the whole paragraph or row (docxtpl). Keep each `{{ … }}` in one font: Word may
   split a tag that changes style halfway, and docxtpl then cannot read it.
3. Run `docservice templates check` (or `docservice templates check FILE.docx`). It names
   every unknown variable, every Jinja mistake with the text near it, and every variable the
   document must show but no longer does (below). It exits with status 1 when something is wrong.
   `--all` also lists every variable the template could use but does not.

Every generated document must carry its verification code: keep `{{ verification.code }}` and
`{{ verification.qr }}` (a picture) in the footer.

## What each document must show

"""

README_VARIABLES = """
## Variables

Money is written the way the document's language writes it (`1.080,00 €` in Turkish,
`€1,080.00` in English), dates likewise (`10 Mart 2025`, `10 March 2025`). An empty value prints
nothing. The shipped files are built by `make.py` beside this file; an office never needs it.

| variable | holds |
| --- | --- |
"""


def write_readme() -> Path:
    from docservice.generation.catalogue import ESSENTIAL, VARIABLES

    lines = [README_HEAD]
    for kind, choices in ESSENTIAL.items():
        needs = ", ".join(" or ".join(f"`{v}`" for v in choice) for choice in choices)
        lines.append(f"- **{kind}**: {needs}\n")
    lines.append(README_VARIABLES)
    for name, meaning in VARIABLES.items():
        lines.append(f"| `{name}` | {meaning} |\n")
    path = HERE / "README.md"
    path.write_text("".join(lines), encoding="utf-8")
    return path


if __name__ == "__main__":
    for path in [*build_all(), write_readme()]:
        print(path.name)

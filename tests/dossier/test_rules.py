"""The pure rules: checklist, reconciliation of the documents' dates, final grant."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from docservice.dossier import checklist
from docservice.dossier.final import ects_required, final_grant
from docservice.dossier.payments import Paid
from docservice.dossier.reconcile import Read, reconcile
from docservice.dossier.view import belongs
from docservice.grants.engine import GrantEngine
from docservice.mobility import parse_mobility
from tests.support import EXAMPLE, merge

STAFF = parse_mobility(EXAMPLE)  # 10–14 March 2025, Trabzon → Heidelberg, €1080


def reads(**kinds: dict[str, Any]) -> dict[str, Read]:
    return {kind: Read(kind, "passed", fields) for kind, fields in kinds.items()}


CERT = {"start_date": "2025-03-10", "end_date": "2025-03-14"}
FLIGHTS = {"outbound_date": "2025-03-09", "return_date": "2025-03-15"}


def test_checklist_follows_the_activity() -> None:
    kinds = [item.kind for item in checklist.items_for(STAFF)]
    assert kinds[:5] == [
        "acceptance_letter",
        "language_certificate",
        "mobility_agreement",
        "rectorate_assignment",
        "grant_agreement",
    ]
    student = parse_mobility(
        merge(EXAMPLE, {"activity": "studies", "end_date": "2025-06-30", "green_travel": True})
    )
    items = {item.kind: item for item in checklist.items_for(student)}
    assert "rectorate_assignment" not in items
    assert not items["boarding_pass"].required  # a green traveller has no flights
    assert items["certificate_of_attendance"].checked
    assert not items["language_certificate"].checked


def test_either_border_document_completes_the_group() -> None:
    items = checklist.items_for(STAFF)
    done = {kind: "passed" for kind in checklist.KINDS}
    done["passport_stamps"] = "missing"
    assert checklist.phase_complete(items, done, "after")
    done["entry_exit_record"] = "review"
    assert not checklist.phase_complete(items, done, "after")
    assert checklist.pending(items, done, "after") == ["passport_stamps or entry_exit_record"]
    done["passport_stamps"] = "accepted"
    assert checklist.phase_complete(items, done, "after")


def test_documents_that_agree() -> None:
    r = reconcile(
        STAFF,
        reads(
            acceptance_letter=CERT,
            certificate_of_attendance=CERT,
            boarding_pass=FLIGHTS,
            entry_exit_record={"outbound_date": "2025-03-09", "return_date": "2025-03-16"},
        ),
    )
    assert r.status == "pass", r.findings
    assert (r.actual_start, r.actual_end) == (dt.date(2025, 3, 10), dt.date(2025, 3, 14))
    assert r.basis == ("certificate_of_attendance", "boarding_pass", "entry_exit_record")


def test_an_early_flight_home_shortens_the_stay_whatever_the_certificate_says() -> None:
    r = reconcile(
        STAFF,
        reads(
            certificate_of_attendance=CERT,
            boarding_pass={"outbound_date": "2025-03-09", "return_date": "2025-03-12"},
        ),
    )
    assert r.status == "fail"
    finding = next(f for f in r.findings if f.id == "travel_and_certificate")
    assert finding.status == "fail" and "left on 12 Mar 2025" in finding.message
    assert (r.actual_start, r.actual_end) == (dt.date(2025, 3, 10), dt.date(2025, 3, 12))


def test_travel_documents_that_disagree_fail() -> None:
    r = reconcile(
        STAFF,
        reads(
            certificate_of_attendance=CERT,
            boarding_pass=FLIGHTS,
            passport_stamps={"outbound_date": "2025-03-09", "return_date": "2025-03-20"},
        ),
    )
    finding = next(f for f in r.findings if f.id == "travel_return_agrees")
    assert finding.status == "fail" and r.status == "fail"
    assert finding.evidence == {"boarding_pass": "2025-03-15", "passport_stamps": "2025-03-20"}


def test_a_certificate_longer_than_planned_pays_the_planned_days_only() -> None:
    r = reconcile(
        STAFF,
        reads(certificate_of_attendance={"start_date": "2025-03-08", "end_date": "2025-03-16"}),
    )
    assert r.status == "review"
    assert (r.actual_start, r.actual_end) == (STAFF.start_date, STAFF.end_date)


def test_a_letter_for_other_dates_is_for_review() -> None:
    r = reconcile(
        STAFF,
        reads(
            acceptance_letter={"start_date": "2025-04-07", "end_date": "2025-04-11"},
            certificate_of_attendance=CERT,
        ),
    )
    ids = {f.id: f.status for f in r.findings}
    assert ids["letter_dates"] == "review" and ids["letter_and_certificate"] == "review"


def test_no_certificate_no_actual_stay() -> None:
    r = reconcile(STAFF, reads(boarding_pass=FLIGHTS))
    assert r.status == "pending" and r.actual_start is None


def test_the_fingerprint_follows_the_findings() -> None:
    a = reconcile(STAFF, reads(certificate_of_attendance=CERT, boarding_pass=FLIGHTS))
    b = reconcile(STAFF, reads(certificate_of_attendance=CERT, boarding_pass=FLIGHTS))
    c = reconcile(
        STAFF,
        reads(
            certificate_of_attendance=CERT, boarding_pass={**FLIGHTS, "return_date": "2025-03-13"}
        ),
    )
    assert a.fingerprint == b.fingerprint != c.fingerprint


def _final(m: Any, engine: GrantEngine, fm: bool = False, **kinds: dict[str, Any]) -> Any:
    """The final grant once the planned prefinancing was paid."""
    r = reconcile(m, reads(**kinds))
    planned = engine.calculate(m)
    paid = Paid(prefinancing=planned.prefinancing)
    return final_grant(engine, m, planned, r, paid=paid, force_majeure=fm)


def test_the_balance_is_the_final_grant_less_what_was_recorded_as_paid(
    engine: GrantEngine,
) -> None:
    r = reconcile(STAFF, reads(certificate_of_attendance=CERT, boarding_pass=FLIGHTS))
    planned = engine.calculate(STAFF)
    nothing, _ = final_grant(engine, STAFF, planned, r, paid=Paid(), force_majeure=False)
    assert (nothing["prefinancing_paid"], nothing["paid"], nothing["balance"]) == (0, 0, 1080.0)
    more = Paid(prefinancing=Decimal(900), balance=Decimal(200), recovered=Decimal(50))
    settled, _ = final_grant(engine, STAFF, planned, r, paid=more, force_majeure=False)
    assert (settled["paid"], settled["balance"], settled["to_recover"]) == (1050.0, 30.0, 0.0)


def test_final_grant_as_planned(engine: GrantEngine) -> None:
    final, waits = _final(STAFF, engine, certificate_of_attendance=CERT, boarding_pass=FLIGHTS)
    assert waits == []
    assert final["total"] == 1080.0 and final["prefinancing_paid"] == 864.0
    assert final["balance"] == 216.0 and final["to_recover"] == 0.0


def test_a_stay_cut_below_the_minimum_pays_nothing(engine: GrantEngine) -> None:
    early = {"outbound_date": "2025-03-09", "return_date": "2025-03-12"}
    final, _ = _final(STAFF, engine, certificate_of_attendance=CERT, boarding_pass=early)
    assert final["total"] == 0.0
    assert final["balance"] == -864.0 and final["to_recover"] == 864.0
    assert any("no grant is due" in note for note in final["notes"])


def test_the_final_grant_in_turkish(engine: GrantEngine) -> None:
    early = {"outbound_date": "2025-03-09", "return_date": "2025-03-12"}
    r = reconcile(STAFF, reads(certificate_of_attendance=CERT, boarding_pass=early))
    planned = engine.calculate(STAFF)
    paid = Paid(prefinancing=planned.prefinancing)
    final, _ = final_grant(engine, STAFF, planned, r, paid=paid, force_majeure=False, lang="tr")
    assert final is not None
    assert final["notes"][0] == (
        "Gerçekleşen süre 10 Mart 2025 – 12 Mart 2025; planlanan 10 Mart 2025 – 14 Mart 2025 değil."
    )
    assert "hibe ödenmez, ön ödeme geri alınır" in final["notes"][1]
    assert any("Toplam" in line for line in final["breakdown"]["trace"])


def test_force_majeure_pays_the_days_spent(engine: GrantEngine) -> None:
    early = {"outbound_date": "2025-03-09", "return_date": "2025-03-12"}
    final, _ = _final(STAFF, engine, True, certificate_of_attendance=CERT, boarding_pass=early)
    # 3 days × €144 + €360 travel
    assert final["total"] == 792.0 and final["balance"] == -72.0
    assert final["breakdown"]["funded_days"] == 3


STUDENT = {
    "activity": "studies",
    "start_date": "2025-02-17",
    "end_date": "2025-06-30",
    "participant": {"category": "student"},
    "teaching_hours": None,
}


@pytest.mark.parametrize(("ects", "paid_share"), [(30, 1.0), (21, 1.0), (18, 0.8)])
def test_students_below_the_ects_rule_lose_the_balance(
    engine: GrantEngine, ects: int, paid_share: float
) -> None:
    m = parse_mobility(merge(EXAMPLE, {**STUDENT, "ects_completed": ects}))
    cert = {"start_date": "2025-02-17", "end_date": "2025-06-30"}
    flights = {"outbound_date": "2025-02-16", "return_date": "2025-07-01"}
    final, _ = _final(m, engine, certificate_of_attendance=cert, boarding_pass=flights)
    planned = engine.calculate(m)
    assert ects_required(m) == 21
    assert final["total"] == round(float(planned.total) * paid_share, 2)


def test_a_student_final_grant_waits_for_the_credits(engine: GrantEngine) -> None:
    m = parse_mobility(merge(EXAMPLE, STUDENT))
    cert = {"start_date": "2025-02-17", "end_date": "2025-06-30"}
    final, waits = _final(m, engine, certificate_of_attendance=cert, boarding_pass=FLIGHTS)
    assert final is None and "ECTS" in waits[0]


def test_another_persons_document_gives_no_dates() -> None:
    """An acceptance letter that names another person does not make the plan agree; an officer
    who accepted the document anyway has the last word."""
    theirs = {"checks": [{"id": "participant_name", "status": "fail"}], "fields": CERT}
    ours = {"checks": [{"id": "participant_name", "status": "pass"}], "fields": CERT}
    assert not belongs(theirs, checklist.FAILED)
    assert belongs(theirs, checklist.ACCEPTED)
    assert belongs(ours, checklist.PASSED)
    assert not belongs({"checks": [{"id": "identity", "status": "fail"}]}, checklist.REVIEW)


def _record(gate_out: str, gate_back: str = "İSTANBUL HAVALİMANI") -> dict[str, Any]:
    return {
        **FLIGHTS,
        "crossings": [
            {"date": "2025-03-09", "direction": "exit", "gate": gate_out},
            {"date": "2025-03-15", "direction": "entry", "gate": gate_back},
        ],
    }


PASSES = {
    **FLIGHTS,
    "legs": [
        {"from_airport": "TZX", "to_airport": "IST", "flight_date": "2025-03-09"},
        {"from_airport": "IST", "to_airport": "FRA", "flight_date": "2025-03-09"},
        {"from_airport": "FRA", "to_airport": "IST", "flight_date": "2025-03-15"},
    ],
}


@pytest.mark.parametrize(
    ("gate", "status"),
    [
        ("İSTANBUL HAVALİMANI", "pass"),  # the gate is the airport the flight left from
        ("KAPIKULE", "fail"),  # a land border and a flight out the same day
        ("SABİHA GÖKÇEN HAVALİMANI", "fail"),  # another airport
    ],
)
def test_the_records_gates_fit_the_flights(gate: str, status: str) -> None:
    r = reconcile(
        STAFF,
        reads(
            certificate_of_attendance=CERT, boarding_pass=PASSES, entry_exit_record=_record(gate)
        ),
    )
    found = {f.id: f.status for f in r.findings}
    assert found["travel_outbound_route"] == status
    assert found["travel_return_route"] == "pass"
    assert (r.status == "fail") is (status == "fail")


# one good sample of each kind the reconciliation reads, with the record it was made for
SAMPLE_OF = {
    "acceptance_letter": "letters/acceptance-letter-good-text.pdf",
    "certificate_of_attendance": "letters/certificate-good-text.pdf",
    "boarding_pass": "travel/boarding-pass-good-text.pdf",
    "passport_stamps": "passport/passport-stamps-good-scan.pdf",
    "entry_exit_record": "records/entry-exit-record-good-text.pdf",
}


@pytest.mark.parametrize("kind", sorted(SAMPLE_OF))
def test_each_checker_writes_the_fields_the_reconciliation_reads(kind: str) -> None:
    """A key renamed on one side would leave the reconciliation reading nothing; the keys it
    reads (``reconcile.READS``) are in every report of the kind, with the values it expects."""
    import checkers
    from docservice.dossier.findings import READS
    from tests.support import SAMPLES

    assert set(READS) == set(SAMPLE_OF)
    data = (SAMPLES / SAMPLE_OF[kind]).read_bytes()
    report, _facts = checkers.check(kind, data, STAFF, filename=SAMPLE_OF[kind])
    assert set(READS[kind]) <= set(report.fields)
    read = Read(kind, "passed", report.fields)
    if "start_date" in READS[kind]:
        assert read.period == (STAFF.start_date, STAFF.end_date)
    if "outbound_date" in READS[kind]:
        assert None not in read.journey
    assert read.crossings or "crossings" not in READS[kind]
    assert read.legs or "legs" not in READS[kind]

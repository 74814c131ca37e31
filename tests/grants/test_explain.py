"""The calculation in words, in English and in Turkish (``grants.explain``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docservice.grants.engine import GrantEngine
from docservice.grants.explain import to_dict, trace
from docservice.mobility import parse_mobility

Record = Callable[..., dict[str, Any]]


def test_trace_in_both_languages(engine: GrantEngine, record: Record) -> None:
    breakdown = engine.calculate(parse_mobility(record(call_year=2022)))
    english, turkish = "\n".join(trace(breakdown, "en")), "\n".join(trace(breakdown, "tr"))
    for text in ("€1,080.00", "10 March 2025", "5 days × €144.00", "2000-2999", "Germany"):
        assert text in english
    for text in ("1.080,00 €", "10 Mart 2025", "5 gün × 144,00 €", "%80 ön ödeme", "Almanya"):
        assert text in turkish


def test_trace_explains_reduced_days_in_turkish(engine: GrantEngine, record: Record) -> None:
    breakdown = engine.calculate(
        parse_mobility(record(call_year=2022, start_date="2025-03-01", end_date="2025-03-20"))
    )
    turkish = "\n".join(trace(breakdown, "tr"))
    assert "6 gün × 100,80 € (15. günden itibaren %70)" in turkish
    assert "2.620,80 €" in turkish


def test_warnings_render_in_turkish(engine: GrantEngine, record: Record) -> None:
    b = to_dict(engine.calculate(parse_mobility(record(end_date="2025-03-11"))), "tr")
    messages = " ".join(w["message"] for w in b["warnings"])
    assert "hibe ödenmez" in messages and "önceki en son tablo" in messages

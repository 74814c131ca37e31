"""The mobility record's fields as the office's pages name them: the record form's sections, and
each key's label in a wrong record's errors, in the page's language."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

# The record's fields as the form shows them: key, label (in errors too), kind of input, and
# the shorter label an institution's field has under the institution's heading.
SECTIONS: list[tuple[Any, list[tuple[str, Any, str, Any]]]] = [
    (
        _l("Mobility"),
        [
            ("action", _l("Key action"), "action", None),
            ("activity", _l("Activity"), "activity", None),
            ("call_year", _l("Call year"), "number", None),
            ("start_date", _l("First day of activity"), "date", None),
            ("end_date", _l("Last day of activity"), "date", None),
            ("travel_days", _l("Travel days"), "number", None),
            ("green_travel", _l("Green travel"), "checkbox", None),
            ("zero_grant", _l("Zero grant"), "checkbox", None),
            ("teaching_hours", _l("Teaching hours"), "decimal", None),
        ],
    ),
    (
        _l("Participant"),
        [
            ("participant.title", _l("Title"), "text", None),
            ("participant.given_names", _l("Given names"), "text", None),
            ("participant.surname", _l("Surname"), "text", None),
            ("participant.email", _l("E-mail"), "email", None),
            ("participant.category", _l("Category"), "text", None),
            ("participant.iban", "IBAN", "text", None),
            ("participant.nationality", _l("Nationality"), "text", None),
        ],
    ),
    (
        _l("Sending institution"),
        [
            ("sending.institution", _l("Sending institution"), "text", _l("Institution name")),
            (
                "sending.erasmus_code",
                _l("Sending institution's Erasmus code"),
                "text",
                _l("Erasmus code"),
            ),
            ("sending.city", _l("Sending institution's city"), "text", _l("City")),
            ("sending.country", _l("Sending institution's country"), "country", _l("Country")),
            ("sending.lat", _l("Sending institution's latitude"), "decimal", _l("Latitude")),
            ("sending.lon", _l("Sending institution's longitude"), "decimal", _l("Longitude")),
        ],
    ),
    (
        _l("Receiving institution"),
        [
            ("receiving.institution", _l("Receiving institution"), "text", _l("Institution name")),
            (
                "receiving.erasmus_code",
                _l("Receiving institution's Erasmus code"),
                "text",
                _l("Erasmus code"),
            ),
            ("receiving.city", _l("Receiving institution's city"), "text", _l("City")),
            ("receiving.country", _l("Receiving institution's country"), "country", _l("Country")),
            ("receiving.lat", _l("Receiving institution's latitude"), "decimal", _l("Latitude")),
            ("receiving.lon", _l("Receiving institution's longitude"), "decimal", _l("Longitude")),
        ],
    ),
]
FIELDS = {key: (label, kind) for _title, fields in SECTIONS for key, label, kind, _s in fields}
EXTRA_LABELS: dict[str, Any] = {
    "reference": _l("Reference"),
    "ects_completed": _l("ECTS credits completed"),
    "participant": _l("Participant"),
    "sending": _l("Sending institution"),
    "receiving": _l("Receiving institution"),
    "(record)": _l("The record"),
}


def field_label(key: str) -> str:
    found = FIELDS.get(key)
    if found is not None:
        return str(found[0])
    return str(EXTRA_LABELS.get(key, key))

"""``/api/v1/grants``: compute a mobility's grant, list the rate tables on file."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import Response, jsonify, request

from docservice.api import services
from docservice.api.params import lang_arg
from docservice.api.schemas import EXAMPLE_MOBILITY, GrantBreakdown, RateTablesOut
from docservice.formatting import Lang
from docservice.grants.explain import to_dict
from docservice.mobility import Estimate, Mobility

bp = APIBlueprint("grants", __name__, tag="Grants")


def _lang() -> Lang:
    return lang_arg(request.args.get("lang")) or "en"


@bp.post("/calculate")
@bp.input(Estimate, location="json", arg_name="mobility", example=EXAMPLE_MOBILITY)
@bp.output(GrantBreakdown)
@bp.doc(
    summary="Compute a mobility's grant",
    responses={400: "Body is not JSON", 422: "The record has wrong keys, or no rule applies"},
)
def calculate(mobility: Mobility) -> Response:
    """The grant breakdown with its calculation in words.

    Staff breakdowns carry `funded_days` and `daily_rate`; students `monthly_rate`, `months` and
    `extra_days`. Add `?lang=tr` for the warnings and the calculation trace in Turkish. A
    record for an estimate (an application's planned mobility) may leave out `reference`.
    """
    # The body is returned as built, so each category shows only its own keys.
    return jsonify(to_dict(services().grants.calculate(mobility), _lang()))


@bp.get("/tables")
@bp.output(RateTablesOut)
@bp.doc(summary="The rate tables on file")
def tables() -> dict[str, Any]:
    """Every rate table the engine can use, with its call year, rates and source."""
    return {
        "tables": [
            {
                "name": t.name,
                "category": t.category,
                "call": t.call,
                "actions": sorted(t.actions),
                "rates": {k: float(v) for k, v in t.rates.items()},
                "country_groups": t.groups.id,
                "travel_bands": t.travel.id,
                "source": t.source,
            }
            for t in sorted(
                services().grants.tables.rate_tables, key=lambda t: (t.category, t.call)
            )
        ]
    }

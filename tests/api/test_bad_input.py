"""Bad input gets a typed answer that says what was wrong, never a masked internal error."""

from __future__ import annotations

import pytest

from tests.conftest import GQL


@pytest.mark.parametrize(
    ("query", "variables", "says"),
    [
        ("query($s: CIStatus) { cis(filter: {status: $s}) { totalCount } }", {"s": "NOPE"},
         "'NOPE'"),
        ("query($c: Int) { cis(first: $c) { totalCount } }", {"c": 10**12}, "32-bit"),
        ("query($d: DateTime) { staleCIs(asOf: $d) { confirmedAt } }", {"d": "not-a-date"},
         "not-a-date"),
    ],
)  # fmt: skip
async def test_a_variable_that_does_not_fit_its_type_is_a_typed_error(
    gql: GQL, query: str, variables: dict[str, object], says: str
) -> None:
    err = await gql.error(query, variables)
    assert err["extensions"]["code"] == "BAD_USER_INPUT"
    assert says in err["message"]
    assert "Internal error" not in err["message"]


async def test_an_oversized_search_text_is_refused_with_the_limit(gql: GQL) -> None:
    query = "query($t: String) { cis(filter: {text: $t}) { totalCount } }"
    err = await gql.error(query, {"t": "x" * 5000})
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("VALIDATION_FAILED", "text")
    assert "at most 200 characters" in err["message"]
    fine = await gql(query, {"t": "web db"})
    assert fine["cis"]["totalCount"] == 0

"""The query cost limit: documents over the budget or the fragment-spread cap are
refused with a typed error after parsing and before validation or database work, with
or without a token; ordinary documents pass."""

from __future__ import annotations

import httpx
from graphql import parse

from graphcmdb.api.graphql import cost
from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.config import Settings
from tests.conftest import GQL


def fragment_bomb(levels: int = 20) -> str:
    """Each fragment spreads the next twice: 2^levels fields once expanded, from a
    document of a few hundred bytes (validation alone used to stall the server)."""
    parts = ["query { cis { edges { node { ...F0 } } } }"]
    for i in range(levels):
        parts.append(f"fragment F{i} on CI {{ id ...F{i + 1} ...F{i + 1} }}")
    parts.append(f"fragment F{levels} on CI {{ name }}")
    return "\n".join(parts)


NESTED = """query($n: Int) { cis(first: $n) { edges { node {
  dependents { node { ... on CI { dependents { node { ... on CI {
    dependents { node { ... on CI { dependents { node { id } } } } } } } } } } } } } } }"""


async def test_the_fragment_bomb_is_refused_with_or_without_a_token(
    gql: GQL, client: httpx.AsyncClient
) -> None:
    query = fragment_bomb()
    assert len(query) < 1200
    err = await gql.error(query)
    assert err["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert err["extensions"]["budget"] == 100_000
    assert "over 10^12" in err["message"] or err["extensions"]["cost"] > 100_000
    anonymous = await client.post("/graphql", json={"query": query})  # not even parsed
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_nesting_is_costed_by_list_sizes_and_variables_count(gql: GQL) -> None:
    err = await gql.error(NESTED, {"n": 1000})
    assert err["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert err["extensions"]["cost"] == 1 + 1000 * 22_223  # four levels of 10 assumed
    small = await gql(NESTED, {"n": 2})  # 44,447: allowed
    assert small["cis"]["edges"] == []


async def test_too_many_fragment_spreads_are_refused(gql: GQL) -> None:
    spreads = " ".join("...F" for _ in range(201))
    err = await gql.error(f"query {{ cis {{ edges {{ node {{ {spreads} }} }} }} }} "
                          "fragment F on CI { id }")  # fmt: skip
    assert err["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert "201 times (at most 200)" in err["message"]


def test_costs_follow_the_schema(settings: Settings) -> None:
    schema = build_schema(settings)._schema

    def of(query: str, **variables: object) -> int:
        return cost.document_cost(schema, parse(query), variables, page_size=100)

    assert of("{ ci(id: 1) { id name } }") == 3  # ci + two leaves
    assert of("{ cis(first: 7) { edges { node { id } } } }") == 1 + 7 * 3
    assert of("{ cis { edges { node { id } } } }") == 1 + 100 * 3  # the default page
    assert of("{ impact(down: [1]) { services { id } } }") == 200 + (1 + 10 * 1)
    fragment = "fragment X on CI { id name } "
    once = of(fragment + "{ ci(id: 1) { ...X } }")
    assert of(fragment + "{ ci(id: 1) { ...X ...X } }") == 2 * once - 1
    assert of(fragment_bomb(40)) == cost.CEILING  # memoised: instant, and capped


def test_a_report_s_limit_counts_up_to_the_reports_cap_not_the_page_cap(
    settings: Settings,
) -> None:
    """A report's ``limit`` may ask 10,000 rows (``reconciliation.row_limit``): it is
    counted as asked, where a page's ``first`` stops at the page cap (1,000)."""
    schema = build_schema(settings)._schema

    def of(query: str, **variables: object) -> int:
        return cost.document_cost(schema, parse(query), variables, page_size=100)

    def rows(n: int) -> int:
        return of(f"{{ shadowIT(limit: {n}) {{ ci {{ id name }} }} }}")

    per_row = rows(2) - rows(1)
    assert per_row > 0
    assert rows(5000) - rows(1) == 4999 * per_row  # counted as asked, past the page cap
    assert of("query($n: Int) { shadowIT(limit: $n) { ci { id } } }", n=20_000) == of(
        "{ shadowIT(limit: 10000) { ci { id } } }"
    )  # counted up to the cap the resolver enforces
    assert of("{ cis(first: 5000) { edges { node { id } } } }") == 1 + 1000 * 3


def test_sizes_given_as_whole_floats_or_operation_defaults_count_as_asked(
    settings: Settings,
) -> None:
    """GraphQL's Int takes JSON's 1000.0, and a variable's default stands for a value not
    sent: both are the size asked, not the field's default page."""
    schema = build_schema(settings)._schema

    def of(query: str, **variables: object) -> int:
        return cost.document_cost(schema, parse(query), variables, page_size=100)

    literal = of("{ cis(first: 1000) { edges { node { id } } } }")
    asked = "query($n: Int) { cis(first: $n) { edges { node { id } } } }"
    assert of(asked, n=1000.0) == literal
    assert of("query($n: Int = 1000) { cis(first: $n) { edges { node { id } } } }") == literal
    assert of(asked, n=7) < literal  # a value sent wins over nothing
    assert of("query($n: Int = 1000) { cis(first: $n) { edges { node { id } } } }", n=7) == of(
        asked, n=7
    )  # and over the default

"""CI and service CRUD over GraphQL against the real Neo4j, including bad input."""

from __future__ import annotations

from tests.conftest import GQL

CREATE_CI = """
mutation($input: CreateCIInput!) {
  createCI(input: $input) { id name ciClass status criticality ipAddresses macAddresses
                             fqdn labels minAvailable createdAt }
}"""


async def create_ci(gql: GQL, name: str, ci_class: str = "SERVER", **extra: object) -> str:
    data = await gql(CREATE_CI, {"input": {"name": name, "ciClass": ci_class, **extra}})
    return str(data["createCI"]["id"])


async def test_create_ci_normalises_and_defaults(gql: GQL) -> None:
    data = await gql(
        CREATE_CI,
        {
            "input": {
                "name": "db-01",
                "ciClass": "SERVER",
                "ipAddresses": ["10.0.0.2", "10.0.0.1"],
                "macAddresses": ["AA-BB-CC-DD-EE-FF"],
                "fqdn": "DB-01.Example.COM",
            }
        },
    )
    ci = data["createCI"]
    assert ci["status"] == "OPERATIONAL"
    assert ci["criticality"] == 3
    assert ci["ipAddresses"] == ["10.0.0.1", "10.0.0.2"]
    assert ci["macAddresses"] == ["aa:bb:cc:dd:ee:ff"]
    assert ci["fqdn"] == "db-01.example.com"
    assert ci["labels"] == ["CI", "Server"]
    fetched = await gql(
        "query($id: ID!) { ci(id: $id) { name } node(id: $id) { name labels } }", {"id": ci["id"]}
    )
    assert fetched["ci"]["name"] == "db-01"
    assert fetched["node"]["labels"] == ["CI", "Server"]


async def test_cluster_gets_min_available_and_others_refuse_it(gql: GQL) -> None:
    data = await gql(CREATE_CI, {"input": {"name": "pg", "ciClass": "CLUSTER"}})
    assert data["createCI"]["minAvailable"] == 1
    err = await gql.error(
        CREATE_CI, {"input": {"name": "s", "ciClass": "SERVER", "minAvailable": 2}}
    )
    assert err["extensions"]["code"] == "VALIDATION_FAILED"
    assert "clusters only" in err["message"]


async def test_bad_fields_are_refused_with_the_field_named(gql: GQL, db) -> None:  # type: ignore[no-untyped-def]
    for bad, field in (
        ({"ipAddresses": ["999.1.1.1"]}, "ipAddresses"),
        ({"macAddresses": ["zz"]}, "macAddresses"),
        ({"criticality": 9}, "criticality"),
        ({"name": "   "}, "name"),
    ):
        err = await gql.error(CREATE_CI, {"input": {"name": "x", "ciClass": "SERVER", **bad}})
        assert err["extensions"]["code"] == "VALIDATION_FAILED"
        assert err["extensions"]["field"] == field, err
    assert (await db.run_raw("MATCH (c:CI) RETURN count(c) AS n"))[0]["n"] == 0


async def test_duplicate_name_in_same_class_is_refused(gql: GQL) -> None:
    await create_ci(gql, "web-01")
    err = await gql.error(CREATE_CI, {"input": {"name": "web-01", "ciClass": "SERVER"}})
    assert err["extensions"]["code"] == "DUPLICATE"
    await create_ci(gql, "web-01", "VIRTUAL_MACHINE")  # another class may share the name


async def test_update_ci_sets_and_clears_fields(gql: GQL) -> None:
    ci_id = await create_ci(gql, "app-01", os="Debian 12", criticality=2)
    data = await gql(
        """mutation($id: ID!) { updateCI(id: $id, input: {status: DEGRADED, os: null,
                        criticality: 5}) { status os criticality name } }""",
        {"id": ci_id},
    )
    assert data["updateCI"] == {
        "status": "DEGRADED",
        "os": None,
        "criticality": 5,
        "name": "app-01",
    }


async def test_update_unknown_id_is_not_found(gql: GQL) -> None:
    err = await gql.error('mutation { updateCI(id: "nope", input: {status: DOWN}) { id } }')
    assert err["extensions"] == {"code": "NOT_FOUND", "kind": "CI", "ids": ["nope"]}


async def test_delete_refuses_while_depended_on_unless_forced(gql: GQL) -> None:
    host = await create_ci(gql, "hv-01")
    vm = await create_ci(gql, "vm-01", "VIRTUAL_MACHINE")
    await gql(
        """mutation($a: ID!, $b: ID!) { relate(input: {fromId: $a, type: HOSTED_ON, toId: $b})
                 { type } }""",
        {"a": vm, "b": host},
    )
    err = await gql.error("mutation($id: ID!) { deleteCI(id: $id) }", {"id": host})
    assert err["extensions"]["code"] == "HAS_DEPENDENTS"
    assert err["extensions"]["dependents"] == [vm]
    assert "vm-01" in err["message"]
    still = await gql("query($id: ID!) { ci(id: $id) { name } }", {"id": host})
    assert still["ci"] == {"name": "hv-01"}
    await gql("mutation($id: ID!) { deleteCI(id: $id, force: true) }", {"id": host})
    gone = await gql("query($id: ID!) { ci(id: $id) { name } }", {"id": host})
    assert gone["ci"] is None
    # the VM it hosted is a leaf now and deletes without force
    await gql("mutation($id: ID!) { deleteCI(id: $id) }", {"id": vm})


async def test_service_crud(gql: GQL) -> None:
    data = await gql("""mutation { createService(input: {name: "Shop", criticality: 5, users: 1200,
                        slaTarget: 99.9, owner: "ecommerce"}) { id name criticality users slaTarget owner } }""")
    svc = data["createService"]
    assert svc["users"] == 1200
    assert svc["slaTarget"] == 99.9
    upd = await gql(
        """mutation($id: ID!) { updateService(id: $id, input: {users: 1500}) { users name } }""",
        {"id": svc["id"]},
    )
    assert upd["updateService"] == {"users": 1500, "name": "Shop"}
    err = await gql.error('mutation { createService(input: {name: "Shop"}) { id } }')
    assert err["extensions"]["code"] == "DUPLICATE"
    err = await gql.error('mutation { createService(input: {name: "X", slaTarget: 120}) { id } }')
    assert err["extensions"]["field"] == "slaTarget"
    await gql("mutation($id: ID!) { deleteService(id: $id) }", {"id": svc["id"]})
    assert (await gql("query($id: ID!) { service(id: $id) { id } }", {"id": svc["id"]}))[
        "service"
    ] is None


async def test_delete_service_refused_while_another_service_depends_on_it(gql: GQL) -> None:
    pay = (await gql('mutation { createService(input: {name: "Payments"}) { id } }'))[
        "createService"
    ]["id"]
    shop = (await gql('mutation { createService(input: {name: "Shop"}) { id } }'))["createService"][
        "id"
    ]
    await gql(
        """mutation($a: ID!, $b: ID!) { relate(input: {fromId: $a, type: DEPENDS_ON, toId: $b,
                 kind: HARD}) { kind } }""",
        {"a": shop, "b": pay},
    )
    err = await gql.error("mutation($id: ID!) { deleteService(id: $id) }", {"id": pay})
    assert err["extensions"]["code"] == "HAS_DEPENDENTS"

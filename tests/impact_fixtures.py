"""Small graphs built through the real API/service layer for impact tests."""

from __future__ import annotations

from graphcmdb.db.database import Database
from graphcmdb.domain.models import RelateInput, ServiceCreate
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType
from graphcmdb.services import bulk, business_services, relations
from graphcmdb.services.actor import system_actor

ACTOR = system_actor("test")


async def build(
    db: Database,
    cis: dict[str, tuple[CIClass, dict[str, object]]],
    services: dict[str, dict[str, object]],
    edges: list[tuple[str, RelType, str, DependencyKind | None]],
) -> dict[str, str]:
    """Create CIs and services by name, relate them; return name -> id."""
    rows = [{"name": n, "ciClass": c.value, **extra} for n, (c, extra) in cis.items()]
    ids: dict[str, str] = {}
    if rows:
        result = await bulk.upsert_cis(db, ACTOR, rows)
        ids.update(zip(cis, result.ids, strict=True))
    for name, extra in services.items():
        created = await business_services.create_service(
            db, ACTOR, ServiceCreate.model_validate({"name": name, **extra})
        )
        ids[name] = created.id
    items = [RelateInput(fromId=ids[a], type=t, toId=ids[b], kind=k) for a, t, b, k in edges]
    if items:
        await relations.relate_many(db, ACTOR, items)
    return ids


#: DESIGN's example: shop -> web cluster (web1..3, minAvailable 2); web1, web2 on h1, web3 on h2
WORKED_CIS: dict[str, tuple[CIClass, dict[str, object]]] = {
    "h1": (CIClass.SERVER, {}),
    "h2": (CIClass.SERVER, {}),
    "web1": (CIClass.VIRTUAL_MACHINE, {}),
    "web2": (CIClass.VIRTUAL_MACHINE, {}),
    "web3": (CIClass.VIRTUAL_MACHINE, {}),
    "web": (CIClass.CLUSTER, {"minAvailable": 2}),
}
WORKED_SHOP: dict[str, object] = {"criticality": 5, "users": 1000, "slaTarget": 99.9}
WORKED_EDGES: list[tuple[str, RelType, str, DependencyKind | None]] = [
    ("web1", RelType.HOSTED_ON, "h1", None),
    ("web2", RelType.HOSTED_ON, "h1", None),
    ("web3", RelType.HOSTED_ON, "h2", None),
    ("web1", RelType.MEMBER_OF, "web", None),
    ("web2", RelType.MEMBER_OF, "web", None),
    ("web3", RelType.MEMBER_OF, "web", None),
    ("shop", RelType.DEPENDS_ON, "web", DependencyKind.HARD),
]


async def worked_example(db: Database) -> dict[str, str]:
    """DESIGN's example (:data:`WORKED_CIS`, :data:`WORKED_EDGES`)."""
    return await build(
        db,
        cis=WORKED_CIS,
        services={"shop": {**WORKED_SHOP, "owner": "ecom"}},
        edges=WORKED_EDGES,
    )

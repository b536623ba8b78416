"""The typed per-request context: database, settings, the acting principal, loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from graphcmdb.api.graphql.contract_loaders import ContractLoaders
from graphcmdb.api.graphql.itam_loaders import ItamLoaders
from graphcmdb.api.graphql.itsm_loaders import ItsmLoaders
from graphcmdb.config import Settings
from graphcmdb.db.database import Database, Row
from graphcmdb.services import business_services, cis, relations
from graphcmdb.services.actor import Actor
from graphcmdb.services.tokens import TokenCache


def _ordered(found: dict[str, Any], keys: list[str], empty: Any = None) -> list[Any]:
    return [found.get(k, empty) for k in keys]


@dataclass
class Loaders:
    """Created per request so nothing is cached across principals."""

    db: Database
    ci: DataLoader[str, Row | None] = field(init=False)
    service: DataLoader[str, Row | None] = field(init=False)
    depends_on: DataLoader[str, list[Row]] = field(init=False)
    dependents: DataLoader[str, list[Row]] = field(init=False)
    services: DataLoader[str, list[Row]] = field(init=False)

    def __post_init__(self) -> None:
        db = self.db

        async def load_ci(keys: list[str]) -> list[Row | None]:
            return _ordered(await cis.get_cis(db, keys), keys)

        async def load_service(keys: list[str]) -> list[Row | None]:
            return _ordered(await business_services.get_services(db, keys), keys)

        async def load_depends_on(keys: list[str]) -> list[list[Row]]:
            return _ordered(await relations.depends_on(db, keys), keys, [])

        async def load_dependents(keys: list[str]) -> list[list[Row]]:
            return _ordered(await relations.dependents(db, keys), keys, [])

        async def load_services(keys: list[str]) -> list[list[Row]]:
            return _ordered(await relations.supported_services(db, keys), keys, [])

        self.ci = DataLoader(load_fn=load_ci)
        self.service = DataLoader(load_fn=load_service)
        self.depends_on = DataLoader(load_fn=load_depends_on)
        self.dependents = DataLoader(load_fn=load_dependents)
        self.services = DataLoader(load_fn=load_services)


class Context(BaseContext):
    def __init__(
        self,
        db: Database,
        settings: Settings,
        actor: Actor | None,
        tokens: TokenCache | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.tokens = tokens
        self.settings = settings
        self.actor = actor
        self.loaders = Loaders(db)
        self.itam = ItamLoaders(db)
        self.sam = ContractLoaders(db)
        self.itsm = ItsmLoaders(db)

"""Per-request DataLoaders for ITAM fields (attached to the context as ``itam``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from graphcmdb.db.database import Database, Row
from graphcmdb.services import assets, licence_use, people_places
from graphcmdb.services.directory import Referrers
from graphcmdb.services.licence_use import LicenceUse
from graphcmdb.services.people_places import Kind


def _directory_loader(db: Database, kind: Kind) -> DataLoader[str, Row | None]:
    async def load(keys: list[str]) -> list[Row | None]:
        found = await people_places.get_many(db, kind, keys)
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=load)


def _referrers_loader(db: Database, kind: Kind) -> DataLoader[str, Referrers]:
    async def load(keys: list[str]) -> list[Referrers]:
        found = await people_places.referrers(db, kind, keys)
        return [found.get(k, {}) for k in keys]

    return DataLoader(load_fn=load)


@dataclass
class ItamLoaders:
    db: Database
    asset: DataLoader[str, Row | None] = field(init=False)
    asset_by_ci: DataLoader[str, Row | None] = field(init=False)
    links: DataLoader[str, Row | None] = field(init=False)
    history: DataLoader[str, list[Row]] = field(init=False)
    #: vendors, locations and people by id
    directory: dict[Kind, DataLoader[str, Row | None]] = field(init=False)
    #: what points at a vendor, location or person (contracts, assets), by kind
    referrers: dict[Kind, DataLoader[str, Referrers]] = field(init=False)
    #: per CI id: its installations of licence-managed products
    licence_use: DataLoader[str, list[LicenceUse]] = field(init=False)

    def __post_init__(self) -> None:
        db = self.db

        async def load_asset(keys: list[str]) -> list[Row | None]:
            found = await assets.get_assets(db, keys)
            return [found.get(k) for k in keys]

        async def load_by_ci(keys: list[str]) -> list[Row | None]:
            found = await assets.assets_by_ci(db, keys)
            return [found.get(k) for k in keys]

        async def load_links(keys: list[str]) -> list[Row | None]:
            found = await assets.links(db, keys)
            return [found.get(k) for k in keys]

        async def load_history(keys: list[str]) -> list[list[Row]]:
            found = await assets.histories(db, keys)
            return [found.get(k, []) for k in keys]

        async def load_licence_use(keys: list[str]) -> list[list[LicenceUse]]:
            found = await licence_use.by_ci(db, keys)
            return [found.get(k, []) for k in keys]

        self.asset = DataLoader(load_fn=load_asset)
        self.asset_by_ci = DataLoader(load_fn=load_by_ci)
        self.links = DataLoader(load_fn=load_links)
        self.history = DataLoader(load_fn=load_history)
        self.directory = {kind: _directory_loader(db, kind) for kind in Kind}
        self.referrers = {kind: _referrers_loader(db, kind) for kind in Kind}
        self.licence_use = DataLoader(load_fn=load_licence_use)

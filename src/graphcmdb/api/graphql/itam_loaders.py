"""Per-request DataLoaders for ITAM fields (attached to the context as ``itam``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from graphcmdb.db.database import Database, Row
from graphcmdb.services import assets


@dataclass
class ItamLoaders:
    db: Database
    asset: DataLoader[str, Row | None] = field(init=False)
    asset_by_ci: DataLoader[str, Row | None] = field(init=False)
    links: DataLoader[str, Row | None] = field(init=False)
    history: DataLoader[str, list[Row]] = field(init=False)

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

        self.asset = DataLoader(load_fn=load_asset)
        self.asset_by_ci = DataLoader(load_fn=load_by_ci)
        self.links = DataLoader(load_fn=load_links)
        self.history = DataLoader(load_fn=load_history)

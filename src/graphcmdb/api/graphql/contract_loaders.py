"""Per-request DataLoaders for contracts and licences (attached to the context as ``sam``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from graphcmdb.db.database import Database, Row
from graphcmdb.itam.tco import ContractShare
from graphcmdb.services import contracts, costs, licences


@dataclass
class ContractLoaders:
    db: Database
    contract: DataLoader[str, Row | None] = field(init=False)
    links: DataLoader[str, Row | None] = field(init=False)
    licence: DataLoader[str, Row | None] = field(init=False)
    product: DataLoader[str, Row | None] = field(init=False)
    by_asset: DataLoader[str, list[Row]] = field(init=False)
    installed: DataLoader[str, list[Row]] = field(init=False)
    shares: DataLoader[str, list[ContractShare]] = field(init=False)

    def __post_init__(self) -> None:
        db = self.db

        async def load_contract(keys: list[str]) -> list[Row | None]:
            found = await contracts.get_contracts(db, keys)
            return [found.get(k) for k in keys]

        async def load_links(keys: list[str]) -> list[Row | None]:
            found = await contracts.links(db, keys)
            return [found.get(k) for k in keys]

        async def load_licence(keys: list[str]) -> list[Row | None]:
            found = await licences.get_licences(db, keys)
            return [found.get(k) for k in keys]

        async def load_product(keys: list[str]) -> list[Row | None]:
            found = await licences.get_products(db, keys)
            return [found.get(k) for k in keys]

        async def load_by_asset(keys: list[str]) -> list[list[Row]]:
            found = await contracts.contracts_by_asset(db, keys)
            return [found.get(k, []) for k in keys]

        async def load_installed(keys: list[str]) -> list[list[Row]]:
            found = await licences.installations_by_ci(db, keys)
            return [found.get(k, []) for k in keys]

        async def load_shares(keys: list[str]) -> list[list[ContractShare]]:
            found = await costs.contract_shares(db, keys)
            return [found.get(k, []) for k in keys]

        self.contract = DataLoader(load_fn=load_contract)
        self.links = DataLoader(load_fn=load_links)
        self.licence = DataLoader(load_fn=load_licence)
        self.product = DataLoader(load_fn=load_product)
        self.by_asset = DataLoader(load_fn=load_by_asset)
        self.installed = DataLoader(load_fn=load_installed)
        self.shares = DataLoader(load_fn=load_shares)

"""Software products named by import rows (publisher, product, version): resolved by their
normalised key and created when missing, because a license or inventory spreadsheet names
products, not ids (``itam/versions.py`` decides when two spellings are one product)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from graphcmdb.db.database import Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.contract_models import SoftwareProductCreate
from graphcmdb.domain.models import Name, ShortText, _Record
from graphcmdb.services.row_checks import Prepared

PRODUCT_COLUMNS = ("publisher", "product", "version")


class ProductColumns(_Record):
    """The columns naming a product; validated with the rest of the row."""

    publisher: Name
    product: Name
    version: ShortText | None = None

    def product_ref(self) -> dict[str, Any]:
        """The product as :func:`resolve_products` takes it (``props`` as created)."""
        record = SoftwareProductCreate(
            publisher=self.publisher, product=self.product, version=self.version
        )
        return {"id": str(uuid.uuid4()), "props": record.graph_props()}

    def graph_props(self) -> dict[str, Any]:
        props = super().graph_props()
        for column in PRODUCT_COLUMNS:
            props.pop(column, None)
        return props


async def resolve_products(tx: Tx, rows: list[Prepared], now: datetime) -> list[Row]:
    """Every product the rows name, created when missing: ``{id, name, created}`` each."""
    first: dict[str, dict[str, Any]] = {}
    for row in rows:  # the first spelling of a product in the file is the one created
        first.setdefault(row["productKey"], row["product"])
    return await tx.run(Q.PRODUCT_MERGE_BATCH, products=list(first.values()), now=now)

"""Update records for the directories: vendors, locations, people, software products.

Only the fields given change and an explicit null clears one, except what identifies
the record (a name; a product's publisher and product), which can be changed but not
cleared.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import StringConstraints, field_validator

from graphcmdb.domain.contract_models import SoftwareProductCreate, _not_cleared
from graphcmdb.domain.itam_models import LongText
from graphcmdb.domain.models import Name, ShortText, _Record

Email = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[^@\s]+@[^@\s]+$")
]


class VendorUpdate(_Record):
    name: Name | None = None
    website: ShortText | None = None
    description: LongText | None = None

    _keep = field_validator("name")(_not_cleared)


class LocationUpdate(_Record):
    name: Name | None = None
    kind: ShortText | None = None
    address: ShortText | None = None
    description: LongText | None = None

    _keep = field_validator("name")(_not_cleared)


class PersonUpdate(_Record):
    name: Name | None = None
    email: Email | None = None
    department: ShortText | None = None

    _keep = field_validator("name")(_not_cleared)


class SoftwareProductUpdate(_Record):
    publisher: Name | None = None
    product: Name | None = None
    version: ShortText | None = None

    _keep = field_validator("publisher", "product")(_not_cleared)

    def merged_props(self, current: dict[str, Any]) -> dict[str, Any]:
        """The product as it will be: name, key and family follow publisher, product and
        version, so they are recomputed from the current values and the given ones."""
        fields = ("publisher", "product", "version")
        merged = {k: current.get(k) for k in fields} | self.model_dump(exclude_unset=True)
        return SoftwareProductCreate.model_validate(merged).graph_props()

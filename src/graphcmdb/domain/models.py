"""Pydantic records between the API and the service layer (Create / Update shapes)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic import ValidationError as PydanticValidationError

from graphcmdb.errors import ValidationFailed
from graphcmdb.graph.enums import CIClass, CIStatus, DependencyKind, Environment, RelType
from graphcmdb.identity.normalise import normalise_ip, normalise_mac

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
Criticality = Annotated[int, Field(ge=1, le=5)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def graph_props(self) -> dict[str, Any]:
        """Properties to ``SET``: only fields the caller gave (``None`` clears a field)."""
        return {
            k: (v.value if hasattr(v, "value") else v)
            for k, v in self.model_dump(exclude_unset=True, mode="python").items()
        }


class CIFields(_Record):
    status: CIStatus | None = None
    environment: Environment | None = None
    criticality: Criticality | None = None
    hostname: ShortText | None = None
    fqdn: ShortText | None = None
    ipAddresses: list[str] | None = None
    macAddresses: list[str] | None = None
    serialNumber: ShortText | None = None
    manufacturer: ShortText | None = None
    model: ShortText | None = None
    os: ShortText | None = None
    cores: Annotated[int, Field(ge=1, le=100_000)] | None = None
    minAvailable: Annotated[int, Field(ge=1, le=10_000)] | None = None
    sysObjectId: ShortText | None = None
    description: Annotated[str, StringConstraints(max_length=5000)] | None = None

    @field_validator("ipAddresses")
    @classmethod
    def _ips(cls, v: list[str] | None) -> list[str] | None:
        return sorted({normalise_ip(x) for x in v}) if v is not None else None

    @field_validator("macAddresses")
    @classmethod
    def _macs(cls, v: list[str] | None) -> list[str] | None:
        return sorted({normalise_mac(x) for x in v}) if v is not None else None

    @field_validator("fqdn", "hostname")
    @classmethod
    def _lower(cls, v: str | None) -> str | None:
        return v.lower() if v else v


class CICreate(CIFields):
    name: Name
    ciClass: CIClass

    def graph_props(self) -> dict[str, Any]:
        props = super().graph_props()
        props.setdefault("status", CIStatus.OPERATIONAL.value)
        props.setdefault("criticality", 3)
        if self.ciClass is CIClass.CLUSTER:
            props.setdefault("minAvailable", 1)
        elif self.minAvailable is not None:
            raise ValidationFailed("minAvailable applies to clusters only.", field="minAvailable")
        return props


class CIUpdate(CIFields):
    name: Name | None = None
    #: a person's class correction (within devices, or within logical CIs)
    ciClass: CIClass | None = None


class ServiceFields(_Record):
    criticality: Criticality | None = None
    users: Annotated[int, Field(ge=0)] | None = None
    slaTarget: Annotated[float, Field(gt=0, le=100)] | None = None
    owner: ShortText | None = None
    description: Annotated[str, StringConstraints(max_length=5000)] | None = None


class ServiceCreate(ServiceFields):
    name: Name

    def graph_props(self) -> dict[str, Any]:
        props = super().graph_props()
        props.setdefault("criticality", 3)
        props.setdefault("users", 0)
        return props


class ServiceUpdate(ServiceFields):
    name: Name | None = None


class RelateInput(_Record):
    fromId: str
    type: RelType
    toId: str
    kind: DependencyKind | None = None
    localPort: ShortText | None = None
    remotePort: ShortText | None = None


def parse(model: type[_Record], data: dict[str, Any]) -> Any:
    """Validate ``data`` into ``model`` or raise a typed error naming the field."""
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        err = exc.errors()[0]
        err["msg"] = err["msg"].removeprefix("Value error, ")
        field = ".".join(str(p) for p in err["loc"]) or "input"
        raise ValidationFailed(
            f"Field '{field}': {err['msg']}.",
            field=field,
            problems=[
                {
                    "field": ".".join(str(p) for p in e["loc"]),
                    "reason": e["msg"].removeprefix("Value error, "),
                }
                for e in exc.errors()
            ],
        ) from exc

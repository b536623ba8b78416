"""Named SNMP credential sets: validation, the secret-free views, the scanner's form.

Secrets (``community``, ``authKey``, ``privKey``) are held as ``SecretStr`` until the
moment they are stored or handed to the scanner, so a stray ``repr`` or log line shows
``**********``. Every read the API offers projects the public fields only
(``PUBLIC_FIELDS``); the audit log records that a secret changed, never its value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Self

from pydantic import Field, SecretStr, field_validator, model_validator

from graphcmdb.discovery.credential_policy import INSECURE_HINT, parse_ranges, weaknesses
from graphcmdb.domain.models import Name, ShortText, _Record

if TYPE_CHECKING:
    from graphcmdb.discovery.credentials import Credentials

SECRET_FIELDS = ("community", "authKey", "privKey")
PUBLIC_FIELDS = (
    "name",
    "version",
    "v3User",
    "authProtocol",
    "privProtocol",
    "targetRanges",
    "allowInsecure",
    "insecureReasons",
)
SECRET_CHANGED = "secret changed"
MAX_SECRET = 500
MIN_KEY = 8  # RFC 3414 derives keys from pass phrases of at least 8 characters


class SnmpVersion(StrEnum):
    V2C = "V2C"
    V3 = "V3"


class AuthProtocol(StrEnum):
    """Values are the net-snmp spellings the scanner takes."""

    MD5 = "MD5"
    SHA = "SHA"
    SHA224 = "SHA-224"
    SHA256 = "SHA-256"
    SHA384 = "SHA-384"
    SHA512 = "SHA-512"


class PrivProtocol(StrEnum):
    DES = "DES"
    AES = "AES"
    AES192 = "AES-192"
    AES256 = "AES-256"


class CredentialSetCreate(_Record):
    name: Name
    version: SnmpVersion
    community: SecretStr | None = None
    v3User: ShortText | None = None
    authProtocol: AuthProtocol | None = None
    authKey: SecretStr | None = None
    privProtocol: PrivProtocol | None = None
    privKey: SecretStr | None = None
    #: the CIDR ranges a scan with this set may reach (none: it may not be used)
    targetRanges: tuple[str, ...] = Field(default=(), max_length=200)
    #: an admin's explicit consent to weak settings (V2C, no authentication, MD5, DES)
    allowInsecure: bool = False

    @field_validator("targetRanges")
    @classmethod
    def _ranges(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return parse_ranges(value)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problem = secret_problem(self) or version_problem(self) or v3_problem(self)
        if problem:
            raise ValueError(problem)
        if self.insecure_reasons and not self.allowInsecure:
            weak = "; ".join(self.insecure_reasons)
            raise ValueError(f"weak SNMP settings: {weak}; {INSECURE_HINT}")
        return self

    @property
    def insecure_reasons(self) -> tuple[str, ...]:
        return weaknesses(
            self.version.value,
            _secret(self.community),
            self.authProtocol.value if self.authProtocol else None,
            self.privProtocol.value if self.privProtocol else None,
        )

    def graph_props(self) -> dict[str, Any]:
        """Every field, secrets revealed (storage only); unused fields are null."""
        props: dict[str, Any] = {"insecureReasons": list(self.insecure_reasons)}
        for name in (*PUBLIC_FIELDS, *SECRET_FIELDS):
            if name == "insecureReasons":
                continue
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                value = value.get_secret_value()
            props[name] = value.value if isinstance(value, StrEnum) else value
        return props

    def audit_view(self) -> dict[str, Any]:
        """What the audit log keeps: public fields, and which secrets were set."""
        props = self.graph_props()
        view = {k: props[k] for k in PUBLIC_FIELDS}
        return view | {k: SECRET_CHANGED for k in SECRET_FIELDS if props[k] is not None}


def _secret(value: SecretStr | None) -> str | None:
    return None if value is None else value.get_secret_value()


def secret_problem(c: CredentialSetCreate) -> str | None:
    for key in SECRET_FIELDS:
        secret = _secret(getattr(c, key))
        if secret is not None and not 0 < len(secret) <= MAX_SECRET:
            return f"{key} must have 1 to {MAX_SECRET} characters"
    for key in ("authKey", "privKey"):
        secret = _secret(getattr(c, key))
        if secret is not None and len(secret) < MIN_KEY:
            return f"{key} must have at least {MIN_KEY} characters (RFC 3414)"
    return None


def version_problem(c: CredentialSetCreate) -> str | None:
    v3_fields = ("v3User", "authProtocol", "authKey", "privProtocol", "privKey")
    if c.version is SnmpVersion.V2C:
        if c.community is None:
            return "a V2C credential set needs a community"
        if any(getattr(c, f) is not None for f in v3_fields):
            return f"{', '.join(v3_fields)} apply to V3 only"
        return None
    if c.community is not None:
        return "community applies to V2C only"
    return None if c.v3User else "a V3 credential set needs v3User"


def v3_problem(c: CredentialSetCreate) -> str | None:
    if (c.authProtocol is None) != (c.authKey is None):
        return "authProtocol and authKey go together"
    if (c.privProtocol is None) != (c.privKey is None):
        return "privProtocol and privKey go together"
    if c.privProtocol is not None and c.authProtocol is None:
        return "privacy (privProtocol) needs authentication (authProtocol) too"
    return None


@dataclass(frozen=True)
class SnmpCredentials:
    """A stored credential set as read for a run; secrets are left out of ``repr``."""

    name: str
    version: SnmpVersion
    community: str | None = field(default=None, repr=False)
    user: str | None = None
    auth_protocol: AuthProtocol | None = None
    auth_key: str | None = field(default=None, repr=False)
    priv_protocol: PrivProtocol | None = None
    priv_key: str | None = field(default=None, repr=False)
    #: the CIDR ranges a scan with it may reach
    target_ranges: tuple[str, ...] = ()

    @classmethod
    def of(cls, row: dict[str, Any]) -> SnmpCredentials:
        auth, priv = row.get("authProtocol"), row.get("privProtocol")
        return cls(
            name=row["name"],
            version=SnmpVersion(row["version"]),
            community=row.get("community"),
            user=row.get("v3User"),
            auth_protocol=AuthProtocol(auth) if auth else None,
            auth_key=row.get("authKey"),
            priv_protocol=PrivProtocol(priv) if priv else None,
            priv_key=row.get("privKey"),
            target_ranges=tuple(row.get("targetRanges") or ()),
        )

    def for_scanner(self) -> Credentials:
        """The scanner's credentials (imported here: it needs pysnmp, this module not)."""
        from graphcmdb.discovery.credentials import Credentials

        if self.version is SnmpVersion.V2C:
            return Credentials(community=self.community)
        return Credentials(
            user=self.user,
            auth=(self.auth_protocol or AuthProtocol.SHA256).value,
            auth_key=self.auth_key,
            priv=(self.priv_protocol or PrivProtocol.AES).value,
            priv_key=self.priv_key,
        )

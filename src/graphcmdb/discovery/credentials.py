"""SNMP credentials: a v2c community or a v3 USM user (SHA/SHA-2 auth, AES/DES priv)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pysnmp.hlapi.v3arch.asyncio import (
    CommunityData,
    UsmUserData,
    usm3DESEDEPrivProtocol,
    usmAesCfb128Protocol,
    usmAesCfb192Protocol,
    usmAesCfb256Protocol,
    usmDESPrivProtocol,
    usmHMAC128SHA224AuthProtocol,
    usmHMAC192SHA256AuthProtocol,
    usmHMAC256SHA384AuthProtocol,
    usmHMAC384SHA512AuthProtocol,
    usmHMACMD5AuthProtocol,
    usmHMACSHAAuthProtocol,
    usmNoAuthProtocol,
    usmNoPrivProtocol,
)

#: protocol names as net-snmp spells them -> pysnmp protocol ids
AUTH_PROTOCOLS: dict[str, Any] = {
    "NONE": usmNoAuthProtocol,
    "MD5": usmHMACMD5AuthProtocol,
    "SHA": usmHMACSHAAuthProtocol,
    "SHA-224": usmHMAC128SHA224AuthProtocol,
    "SHA-256": usmHMAC192SHA256AuthProtocol,
    "SHA-384": usmHMAC256SHA384AuthProtocol,
    "SHA-512": usmHMAC384SHA512AuthProtocol,
}
PRIV_PROTOCOLS: dict[str, Any] = {
    "NONE": usmNoPrivProtocol,
    "DES": usmDESPrivProtocol,
    "3DES": usm3DESEDEPrivProtocol,
    "AES": usmAesCfb128Protocol,
    "AES-128": usmAesCfb128Protocol,
    "AES-192": usmAesCfb192Protocol,
    "AES-256": usmAesCfb256Protocol,
}
MIN_KEY_LENGTH = 8  # RFC 3414: pass phrases shorter than 8 octets are refused


@dataclass(frozen=True)
class Credentials:
    """One way to talk to an agent: ``community`` for v2c, else ``user`` for v3.

    Secrets are left out of ``repr``, so a stray log line shows none.
    """

    community: str | None = field(default=None, repr=False)
    user: str | None = None
    auth: str = "SHA-256"
    auth_key: str | None = field(default=None, repr=False)
    priv: str = "AES"
    priv_key: str | None = field(default=None, repr=False)
    context: str = ""  # SNMPv3 context name

    def __post_init__(self) -> None:
        if (self.community is None) == (self.user is None):
            raise ValueError("credentials need either a community (v2c) or a user (v3)")
        if self.user is None:
            return
        if self.auth not in AUTH_PROTOCOLS or self.priv not in PRIV_PROTOCOLS:
            raise ValueError(
                f"unknown protocol {self.auth}/{self.priv}; auth is one of "
                f"{', '.join(AUTH_PROTOCOLS)}, priv one of {', '.join(PRIV_PROTOCOLS)}"
            )
        for kind, key in (("auth", self.auth_key), ("priv", self.priv_key)):
            if key is not None and len(key) < MIN_KEY_LENGTH:
                raise ValueError(f"SNMPv3 {kind} key must be at least {MIN_KEY_LENGTH} characters")
        if self.priv_key is not None and self.auth_key is None:
            raise ValueError("SNMPv3 privacy needs authentication too")

    @classmethod
    def v2c(cls, community: str) -> Credentials:
        return cls(community=community)

    @classmethod
    def v3(
        cls,
        user: str,
        auth_key: str | None,
        priv_key: str | None,
        auth: str = "SHA-256",
        priv: str = "AES",
    ) -> Credentials:
        return cls(user=user, auth=auth, auth_key=auth_key, priv=priv, priv_key=priv_key)

    @property
    def version(self) -> str:
        return "2c" if self.community is not None else "3"

    @property
    def level(self) -> str:
        """v3 security level: noAuthNoPriv, authNoPriv or authPriv."""
        if self.auth_key is None:
            return "noAuthNoPriv"
        return "authNoPriv" if self.priv_key is None else "authPriv"

    def describe(self) -> str:
        """What these credentials are, without secrets."""
        if self.community is not None:
            return "SNMPv2c community"
        return f"SNMPv3 user {self.user!r} ({self.level}, {self.auth}/{self.priv})"

    def auth_data(self) -> CommunityData | UsmUserData:
        """The pysnmp security parameters."""
        if self.community is not None:
            return CommunityData(self.community, mpModel=1)
        auth = AUTH_PROTOCOLS[self.auth] if self.auth_key else usmNoAuthProtocol
        priv = PRIV_PROTOCOLS[self.priv] if self.priv_key else usmNoPrivProtocol
        return UsmUserData(
            self.user,
            authKey=self.auth_key,
            privKey=self.priv_key,
            authProtocol=auth,
            privProtocol=priv,
        )

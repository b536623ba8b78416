"""What an administrator writes of a notification subscription (Create / Update shapes)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, StringConstraints, field_validator, model_validator

from graphcmdb.domain.directory_models import Email
from graphcmdb.domain.models import Name, ShortText, _Record
from graphcmdb.notify.model import NotificationChannel, NotificationKind

Url = Annotated[str, StringConstraints(strip_whitespace=True, min_length=8, max_length=2000)]
Kinds = Annotated[list[NotificationKind], Field(min_length=1, max_length=len(NotificationKind))]


def _http_url(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("a webhook URL is http:// or https:// with a host")
    return value


def _distinct(kinds: list[NotificationKind] | None) -> list[NotificationKind] | None:
    return None if kinds is None else sorted(set(kinds))


class SubscriptionFields(_Record):
    url: Url | None = None
    address: Email | None = None
    kinds: Kinds | None = None
    #: only notices about this service (one it is, or that needs what they are about)
    serviceId: ShortText | None = None
    #: only notices about a service whose ``owner`` is this
    owner: ShortText | None = None
    #: only notices about a service OWNED_BY, or a CI SUPPORTED_BY, this team (name or id)
    team: ShortText | None = None
    enabled: bool | None = None

    _url = field_validator("url")(_http_url)
    _kinds = field_validator("kinds")(_distinct)


class SubscriptionCreate(SubscriptionFields):
    name: Name
    channel: NotificationChannel
    kinds: Kinds

    @model_validator(mode="after")
    def _channel_target(self) -> SubscriptionCreate:
        check_target(self.channel, self.url, self.address)
        return self

    def graph_props(self) -> dict[str, Any]:
        props = super().graph_props()
        if props.get("enabled") is None:
            props["enabled"] = True
        return props


class SubscriptionUpdate(SubscriptionFields):
    """Only the fields given change; the channel stays (a new channel is a new
    subscription, with its own secret)."""

    name: Name | None = None

    @field_validator("name", "kinds")
    @classmethod
    def _kept(cls, value: object) -> object:
        if value is None:
            raise ValueError("may be changed but not cleared")
        return value


def check_target(channel: NotificationChannel, url: str | None, address: str | None) -> None:
    """A webhook has a URL and no address, an e-mail subscription the other way round."""
    if channel is NotificationChannel.WEBHOOK and (url is None or address is not None):
        raise ValueError("a WEBHOOK subscription has a url and no address")
    if channel is NotificationChannel.EMAIL and (address is None or url is not None):
        raise ValueError("an EMAIL subscription has an address and no url")

"""The typed per-request context: database, settings, the acting principal, loaders."""

from __future__ import annotations

from datetime import datetime

from strawberry.fastapi import BaseContext

from graphcmdb.api.graphql.loaders import Loaders
from graphcmdb.api.live import LiveHub
from graphcmdb.config import Settings
from graphcmdb.db import history
from graphcmdb.db.database import Database
from graphcmdb.services.actor import Actor
from graphcmdb.services.token_cache import TokenCache


class Context(BaseContext):
    def __init__(
        self,
        db: Database,
        settings: Settings,
        actor: Actor | None,
        tokens: TokenCache | None = None,
        live: LiveHub | None = None,
        raw_token: str | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.tokens = tokens
        self.settings = settings
        self.actor = actor
        self._loaders = Loaders.for_request(db)
        #: loaders of the past, per moment (``as_of_values.py``): never a shared cache
        self._past: dict[datetime, Loaders] = {}
        #: the process's live status hub (subscriptions); the websocket's bearer token,
        #: looked up again while a subscription runs
        self.live = live
        self.raw_token = raw_token

    @property
    def loaders(self) -> Loaders:
        """The request's loaders, of the moment being read (``history.as_of()``)."""
        at = history.as_of()
        if at is None:
            return self._loaders
        if at not in self._past:
            self._past[at] = Loaders.for_request(self.db)
        return self._past[at]

"""The API lifespan runs the dispatcher when asked (and stops it on shutdown): an
incident opened while it runs reaches a real webhook receiver without anyone calling it."""

from __future__ import annotations

import asyncio

from graphcmdb.api.app import create_app
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.notify.model import DeliveryState
from graphcmdb.services import notify_subscriptions as subs
from tests.notify.conftest import WebhookReceiver
from tests.notify.test_delivery import estate, open_on, subscribe


async def test_the_lifespan_dispatches_in_the_background(
    settings: Settings, db: Database, webhook_receiver: WebhookReceiver
) -> None:
    ids = await estate(db)
    await subscribe(db, name="hook", channel="WEBHOOK", url=webhook_receiver.url)
    app = create_app(
        settings.model_copy(update={"notify_dispatcher": True, "notify_poll_s": 0.05}), db
    )
    async with app.router.lifespan_context(app):
        state = app.state.graphcmdb
        assert state.dispatching is not None
        await open_on(db, ids["h1"])
        for _ in range(400):  # until it is sent (bounded; no time is asserted)
            if webhook_receiver.received:
                break
            await asyncio.sleep(0.05)
        assert not state.dispatching.done()
    assert state.dispatching is None
    assert len(webhook_receiver.received) == 1
    [logged] = await subs.delivery_log(db)
    assert logged.state is DeliveryState.DELIVERED

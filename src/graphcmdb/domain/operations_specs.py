"""The server-written node types of live operations, together: monitoring events and
alerts (``event_specs``), schedules (``schedule_specs``), notifications
(``notify_specs``) and the people who sign in with their sessions (``user_specs``)."""

from __future__ import annotations

from graphcmdb.domain.event_specs import EVENT_SPECS
from graphcmdb.domain.notify_specs import NOTIFY_SPECS
from graphcmdb.domain.schedule_specs import SCHEDULE_SPECS
from graphcmdb.domain.user_specs import USER_SPECS
from graphcmdb.graph.node_spec import AnySpec

OPERATIONS_SPECS: tuple[AnySpec, ...] = (
    *EVENT_SPECS,
    *SCHEDULE_SPECS,
    *NOTIFY_SPECS,
    *USER_SPECS,
)

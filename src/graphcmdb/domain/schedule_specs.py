"""Schedules and the report snapshots they take: server-written internal nodes with
hand-written Cypher (``cypher/schedule/``); the specs give their constraints, indexes
and read records. Not ``Entity`` nodes: ``node(id)``, ``relate`` and the explorer never
see them.
"""

from __future__ import annotations

from functools import partial

from graphcmdb.domain.schedule_models import ReportSnapshotRecord, ScheduleRecord
from graphcmdb.graph.enums import Label
from graphcmdb.graph.node_spec import COMMON_PROPERTIES, AnySpec, NodeSpec

_internal = partial(NodeSpec, entity=False, crud=False)

#: A recurring job; its lease (``leaseHolder``, ``leaseExpires``) is what makes one
#: process of several run each due slot.
SCHEDULE_SPEC = _internal(
    label=Label.SCHEDULE,
    area="schedule",
    record=ScheduleRecord,
    system=tuple(f for f in ScheduleRecord.model_fields if f not in COMMON_PROPERTIES),
    key=("name",),
    indexed=("nextRunAt",),
)

#: A report's headline figures as a scheduled run found them.
REPORT_SNAPSHOT_SPEC = _internal(
    label=Label.REPORT_SNAPSHOT,
    area="schedule",
    record=ReportSnapshotRecord,
    system=("id", "name", "report", "scheduleId", "takenAt", "summary"),
    unique=(("id",),),
    indexed=("takenAt", "scheduleId"),
    common=False,
)

SCHEDULE_SPECS: tuple[AnySpec, ...] = (SCHEDULE_SPEC, REPORT_SNAPSHOT_SPEC)

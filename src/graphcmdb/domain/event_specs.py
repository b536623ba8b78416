"""Monitoring events, the alerts they belong to and CI status history: server-written
nodes with hand-written Cypher (``cypher/event/``); the specs give their constraints and
indexes. Not ``Entity`` nodes: ``node(id)``, ``relate`` and the explorer never see them.
"""

from __future__ import annotations

from functools import partial

from graphcmdb.graph.enums import Label
from graphcmdb.graph.node_spec import AnySpec, NodeSpec

_internal = partial(NodeSpec, entity=False, common=False, crud=False, record=dict)

#: the binding to a CI, written on events and alerts alike
_BINDING = ("ciId", "match", "rule", "candidateIds", "reason", "sourceKey")
_ALERT = ("source", "alertName", "state", "severity", "effect", "summary")

#: One accepted notification of one alert, with its raw payload; ``digest`` (source,
#: fingerprint, payload) makes the same notification posted twice one event.
EVENT_SPEC = _internal(
    label=Label.EVENT,
    area="event",
    system=(
        "id",
        "digest",
        "fingerprint",
        *_ALERT,
        *_BINDING,
        "suppressed",
        "receivedAt",
        "receivedBy",
        "startsAt",
        "endsAt",
        "payload",
    ),
    unique=(("id",), ("digest",)),
    indexed=("receivedAt", "fingerprint"),
)

#: An alert across its notifications (``fingerprint``): its state, what it holds its CI
#: at (``holds``), its recent state changes (flap suppression) and its current binding.
ALERT_SPEC = _internal(
    label=Label.ALERT,
    area="event",
    system=(
        "id",
        "fingerprint",
        *_ALERT,
        *_BINDING,
        "holds",
        "flapping",
        "transitions",
        "eventCount",
        "firstSeen",
        "lastSeen",
    ),
    unique=(("id",), ("fingerprint",)),
    indexed=("ciId", "state", "match", "lastSeen"),
)

#: One status change of a CI made by events, newest first on ``CI.statusHistory``.
STATUS_CHANGE_SPEC = _internal(
    label=Label.STATUS_CHANGE,
    area="event",
    system=(
        "id",
        "ciId",
        "at",
        "from",
        "to",
        "reason",
        "fingerprint",
        "eventId",
        # a business service's move (``ciId`` null), with the incident it opened or the
        # change that suppressed it
        "serviceId",
        "incidentId",
        "changeId",
        # the live change feed's number (``services/live_feed.py``); ``batch`` marks a
        # payload's moves until its transaction numbers them
        "feedSeq",
        "batch",
    ),
    unique=(("id",),),
    indexed=("ciId", "at", "serviceId", "feedSeq", "batch"),
)

#: The server's singletons, one node per ``name``: ``status``, the live status feed's
#: counter (its last number, ``seq``); ``impact``, the impact evaluator's lock (when it
#: last ran, ``lastPassAt``); ``notify-scan``, the periodic notice scan's slot
#: (``nextScanAt``, ``scannedBy``); ``tokens``, a random ``stamp`` per token change
#: (``services/token_cache.py``).
CHANGE_FEED_SPEC = _internal(
    label=Label.CHANGE_FEED,
    area="live",
    system=("name", "seq", "lastPassAt", "nextScanAt", "scannedBy", "stamp"),
    unique=(("name",),),
)

#: Work for the impact evaluator, taken and deleted by its next pass: ``kind`` CIS, the
#: CIs whose alerts changed in one payload received ``at`` (``ids``, queued by the events'
#: transaction); SUSPECTS, incidents whose root-cause candidates are to be searched.
#: The evaluator's lock is ``ChangeFeed {name: 'impact'}``.
IMPACT_WORK_SPEC = _internal(
    label=Label.IMPACT_WORK,
    area="event",
    system=("id", "kind", "ids", "at"),
    unique=(("id",),),
    indexed=("kind", "at"),
)

#: An incident monitoring did not open because an approved change whose window was open
#: modifies the failed CIs: one per service and change (``firstAt``, ``lastAt``, the
#: CIs, the worst status the service had).
INCIDENT_SUPPRESSION_SPEC = _internal(
    label=Label.INCIDENT_SUPPRESSION,
    area="event",
    system=(
        "id",
        "serviceId",
        "changeId",
        "ciIds",
        "status",
        "firstAt",
        "lastAt",
    ),
    unique=(("id",), ("serviceId", "changeId")),
    indexed=("changeId",),
)

EVENT_SPECS: tuple[AnySpec, ...] = (
    EVENT_SPEC,
    ALERT_SPEC,
    STATUS_CHANGE_SPEC,
    CHANGE_FEED_SPEC,
    IMPACT_WORK_SPEC,
    INCIDENT_SUPPRESSION_SPEC,
)

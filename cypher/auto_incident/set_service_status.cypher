// Business services' moves after the impact evaluator re-evaluated them, each a
// StatusChange with the incident it opened or resolved, or the change that suppressed it.
// ``batch`` marks the pass's moves until the change feed numbers them (``live/stamp``);
// that number (``feedSeq``) orders a service's moves (passes run one at a time, a
// service moves at most once in one), so the newest is its status as monitoring saw it.
UNWIND $rows AS r
CREATE (c:StatusChange {id: randomUUID(), serviceId: r.id, at: $at, from: r.from, to: r.to,
                        reason: r.reason, incidentId: r.incidentId, changeId: r.changeId,
                        batch: $batch})
RETURN count(c) AS recorded

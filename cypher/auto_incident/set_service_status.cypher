// Business services' moves after monitoring re-evaluated them, each a StatusChange with
// the incident it opened or resolved, or the change that suppressed it (the newest one
// is the service's status as monitoring last saw it). ``seq`` counts the service's moves
// (written under its lock), so two moves at one instant keep their order; ``batch`` marks
// the payload's moves until the change feed numbers them (``live/stamp``).
UNWIND $rows AS r
MATCH (s:Service {id: r.id})
CREATE (c:StatusChange {id: randomUUID(), serviceId: r.id, at: $at, from: r.from, to: r.to,
                        reason: r.reason, incidentId: r.incidentId, changeId: r.changeId, batch: $batch,
                        seq: COUNT { (:StatusChange {serviceId: r.id}) } + 1})
RETURN count(c) AS recorded

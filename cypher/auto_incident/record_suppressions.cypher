// An incident not opened because an approved change with an open window modifies the
// failed CIs: one record per service and change, its CIs gathered, its worst status kept.
UNWIND $rows AS r
MERGE (x:IncidentSuppression {serviceId: r.serviceId, changeId: r.changeId})
ON CREATE SET x.id = randomUUID(), x.firstAt = $at, x.ciIds = [], x.status = r.status
SET x.lastAt = $at,
    x.status = CASE WHEN x.status = $worst THEN x.status ELSE r.status END,
    x.ciIds = x.ciIds + [c IN r.ciIds WHERE NOT c IN x.ciIds]
RETURN count(x) AS recorded

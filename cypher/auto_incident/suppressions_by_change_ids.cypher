// What each change suppressed: per service, the CIs and the worst status.
UNWIND $ids AS id
MATCH (x:IncidentSuppression {changeId: id})
RETURN id, x {.*} AS suppression
ORDER BY id, x.firstAt, x.serviceId

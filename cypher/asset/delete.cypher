// The asset's lifecycle events go with it; the audit log keeps the record.
MATCH (a:Asset {id: $id})
OPTIONAL MATCH (a)-[:HAD]->(e:LifecycleEvent)
WITH a, a {.*} AS before, collect(e) AS events
FOREACH (e IN events | DETACH DELETE e)
DETACH DELETE a
RETURN before, size(events) AS events

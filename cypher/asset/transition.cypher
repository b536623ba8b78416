// One lifecycle move: the new state on the asset and a numbered event in its history.
MATCH (a:Asset {id: $id})
WITH a, a {.*} AS before, COUNT { (a)-[:HAD]->(:LifecycleEvent) } AS seen
CREATE (a)-[:HAD]->(e:Entity:LifecycleEvent {id: $eventId, seq: seen + 1})
SET e += $event
SET a += $props, a.updatedAt = datetime()
RETURN before, a {.*, labels: labels(a)} AS asset, e {.*} AS event

// An asset and its first lifecycle event ("recorded in state X") in one statement.
CREATE (a:Entity:Asset {id: $id})
SET a += $props, a.createdAt = datetime(), a.updatedAt = datetime()
CREATE (a)-[:HAD]->(e:Entity:LifecycleEvent {id: $eventId, seq: 1})
SET e.to = a.lifecycleState, e.at = a.createdAt, e.actor = $actor, e.note = $note
RETURN a {.*, labels: labels(a)} AS asset

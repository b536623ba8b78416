// Create-or-update assets by tag. A new asset gets lifecycle event 1 ("imported"); an
// existing one keeps its state (states move by transitions only) and is left alone when
// nothing differs, so re-importing a file changes nothing.
UNWIND $rows AS row
MERGE (a:Asset {assetTag: row.assetTag})
ON CREATE SET a:Entity, a.id = row.id, a.createdAt = $now, a.updatedAt = $now, a += row.defaults,
              a.lifecycleState = row.state
WITH a, row, a.createdAt = $now AS created
WITH a, row, created,
     created OR any(k IN keys(row.props)
                    WHERE NOT coalesce(a[k] = row.props[k], a[k] IS NULL AND row.props[k] IS NULL))
       AS changed
CALL (a, row, changed) {
  WITH a, row WHERE changed
  SET a += row.props, a.updatedAt = $now
}
CALL (a, row, created) {
  WITH a, row WHERE created
  CREATE (a)-[:HAD]->(e:Entity:LifecycleEvent {id: row.eventId, seq: 1})
  SET e.to = a.lifecycleState, e.at = $now, e.actor = $actor, e.note = 'imported'
}
RETURN a.id AS id, a.assetTag AS assetTag, created, changed

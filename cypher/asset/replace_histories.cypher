// Each asset's lifecycle history as told by another register, numbered as asset/create
// (seq 1) and asset/transition number it: `ciId` on the deployment that linked the
// asset's CI, `dependentIds` on a retirement forced past the CI's dependents. Events
// after the history's last are removed; matching events are left alone. The asset takes
// the history's end state ($asset: lifecycleState, writtenOffOn).
UNWIND $rows AS row
MATCH (a:Asset {id: row.assetId})
OPTIONAL MATCH (a)-[:TRACKS]->(c:CI)
CALL (a, row) {
  MATCH (a)-[:HAD]->(old:LifecycleEvent) WHERE old.seq > size(row.events)
  DETACH DELETE old
  RETURN count(old) AS dropped
}
WITH a, c, row, dropped,
     CASE WHEN c IS NULL THEN [] ELSE COLLECT {
       CALL (c) {
         MATCH (c)<-[:DEPENDS_ON|RUNS_ON|HOSTED_ON]-(d) RETURN d
         UNION
         MATCH (c)-[:MEMBER_OF]->(d) RETURN d
       }
       RETURN d.id ORDER BY d.name, d.id
     } END AS dependents
CALL (a, c, row, dependents) {
  UNWIND row.events AS ev
  MERGE (a)-[:HAD]->(e:LifecycleEvent {seq: ev.seq})
  ON CREATE SET e:Entity, e.id = randomUUID()
  WITH e, ev, ev.props AS given
  WITH e, given {.*,
         ciId: CASE WHEN ev.linksCi THEN c.id END,
         dependentIds: CASE WHEN ev.forced AND size(dependents) > 0 THEN dependents END
       } AS props
  WITH e, props,
       any(k IN keys(props) WHERE NOT coalesce(e[k] = props[k], e[k] IS NULL AND props[k] IS NULL))
         AS changed
  CALL (e, props, changed) {
    WITH e, props WHERE changed
    SET e += props
  }
  RETURN collect(changed) AS changes
}
WITH a, row, dropped > 0 OR any(x IN changes WHERE x) AS eventsChanged,
     any(k IN keys(row.asset)
         WHERE NOT coalesce(a[k] = row.asset[k], a[k] IS NULL AND row.asset[k] IS NULL))
       AS assetChanged
CALL (a, row, assetChanged) {
  WITH a, row WHERE assetChanged
  SET a += row.asset, a.updatedAt = $now
}
RETURN a.id AS id, eventsChanged OR assetChanged AS changed

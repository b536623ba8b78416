// Each demo asset's lifecycle history as asset/create (seq 1) and asset/transition write
// it: `ciId` on the deployment that linked the asset's CI, `dependentIds` on a retirement
// forced past the CI's dependents. Events after the demo's last (later moves) are
// removed, so a reload tells the story again; matching events are left alone.
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
UNWIND row.events AS ev
MERGE (a)-[:HAD]->(e:LifecycleEvent {seq: ev.seq})
ON CREATE SET e:Entity, e.id = randomUUID()
WITH a, e, dropped, ev.props AS given,
     CASE WHEN ev.linksCi THEN c.id END AS ciId,
     CASE WHEN ev.forced AND size(dependents) > 0 THEN dependents END AS dependentIds
WITH a, e, dropped, given {.*, ciId: ciId, dependentIds: dependentIds} AS props
WITH a, e, dropped, props,
     any(k IN keys(props) WHERE NOT coalesce(e[k] = props[k], e[k] IS NULL AND props[k] IS NULL))
       AS changed
CALL (e, props, changed) {
  WITH e, props WHERE changed
  SET e += props
}
WITH a, dropped, collect(changed) AS changes
RETURN a.id AS id, dropped > 0 OR any(x IN changes WHERE x) AS changed

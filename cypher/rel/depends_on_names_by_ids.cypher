// rel/depends_on_by_ids with the far node's id, name and labels only: what a selection of
// {id name labels} (and the next level's dependsOn) needs, without decoding whole nodes
UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH (a)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]->(b) RETURN r, b
  UNION
  MATCH (a)<-[r:MEMBER_OF]-(b) RETURN r, b
}
WITH id, r, b, b.name AS name, b.id AS nodeId
ORDER BY id, name, nodeId
RETURN collect([id, r.id, type(r), r.kind, nodeId, name, labels(b)]) AS rows

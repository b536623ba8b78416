// rel/both_ways_by_ids with the far node's id, name and labels only: what a selection of
// {id name labels} (and the next level's dependsOn) needs, without decoding whole nodes;
// one compact row per edge, ``needs`` saying which list it is in
CALL () {
  UNWIND $needsIds AS id
  MATCH (a:Entity {id: id})
  CALL (a) {
    MATCH (a)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]->(b) RETURN r, b
    UNION
    MATCH (a)<-[r:MEMBER_OF]-(b) RETURN r, b
  }
  RETURN id, true AS needs, r, b
  UNION ALL
  UNWIND $neededByIds AS id
  MATCH (a:Entity {id: id})
  CALL (a) {
    MATCH (a)<-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]-(b) RETURN r, b
    UNION
    MATCH (a)-[r:MEMBER_OF]->(b) RETURN r, b
  }
  RETURN id, false AS needs, r, b
}
WITH id, needs, r, b, b.name AS name, b.id AS nodeId
ORDER BY id, needs, name, nodeId
RETURN collect([id, needs, r.id, type(r), r.kind, nodeId, name, labels(b)]) AS rows

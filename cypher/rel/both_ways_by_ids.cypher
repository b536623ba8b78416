// What each of $needsIds needs (DEPENDS_ON/RUNS_ON/HOSTED_ON targets; a cluster's members)
// and what needs each of $neededByIds (the reverse), in one read: the explorer asks both
// of a CI at once (``api/graphql/both_ways.py``). ``needs`` says which list a row is in.
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
RETURN id, needs, r.id AS relId, type(r) AS type, r.kind AS kind, b {.*, labels: labels(b)} AS node
ORDER BY id, needs, node.name, node.id

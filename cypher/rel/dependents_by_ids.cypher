UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH (a)<-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]-(b) RETURN r, b
  UNION
  MATCH (a)-[r:MEMBER_OF]->(b) RETURN r, b
}
RETURN id, r.id AS relId, type(r) AS type, r.kind AS kind, b {.*, labels: labels(b)} AS node
ORDER BY id, node.name, node.id

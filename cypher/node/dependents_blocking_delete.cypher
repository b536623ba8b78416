MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH (c)<-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]-(d) RETURN d, type(r) AS type
  UNION
  MATCH (c)-[r:MEMBER_OF]->(d) RETURN d, type(r) AS type
}
RETURN d.id AS id, d.name AS name, type
ORDER BY name, id

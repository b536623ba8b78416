// The links of the incidents a pass moved, all at once: each row's new AFFECTS targets
// and, when ``setCause``, its cause (CAUSED_BY replaced by ``causeId``, null for none).
// Root-cause candidates follow in a pass of their own (``set_suspects``).
UNWIND $rows AS row
MATCH (i:Incident {id: row.id})
CALL (i, row) {
  UNWIND row.affects AS targetId
  MATCH (t:Entity {id: targetId})
  MERGE (i)-[:AFFECTS]->(t)
}
CALL (i, row) {
  OPTIONAL MATCH (i)-[old:CAUSED_BY]->()
  WITH old, row WHERE row.setCause
  DELETE old
}
CALL (i, row) {
  MATCH (c:Entity {id: row.causeId})
  WHERE row.setCause
  CREATE (i)-[:CAUSED_BY]->(c)
}
RETURN count(i) AS linked

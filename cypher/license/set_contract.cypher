// Replaces the license's UNDER link; a null $contractId only removes it.
MATCH (l:License {id: $licenseId})
CALL (l) {
  MATCH (l)-[old:UNDER]->(:Contract)
  DELETE old
}
OPTIONAL MATCH (c:Contract {id: $contractId})
CALL (l, c) {
  WITH l, c WHERE c IS NOT NULL
  CREATE (l)-[:UNDER {createdAt: datetime()}]->(c)
}
RETURN l.id AS id, c.id AS contractId

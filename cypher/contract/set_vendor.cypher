// Replaces the contract's WITH link; a null $vendorId only removes it.
MATCH (n:Contract {id: $contractId})
CALL (n) {
  MATCH (n)-[old:WITH]->(:Vendor)
  DELETE old
}
OPTIONAL MATCH (v:Vendor {id: $vendorId})
CALL (n, v) {
  WITH n, v WHERE v IS NOT NULL
  CREATE (n)-[:WITH {createdAt: datetime()}]->(v)
}
RETURN n.id AS id, v.id AS vendorId

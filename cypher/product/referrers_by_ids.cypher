// What still points at each product: licenses FOR it (with the contract each is UNDER,
// so a forced delete can be replayed from the audit) and the CIs that have it installed.
UNWIND $ids AS id
CALL (id) {
  MATCH (l:License)-[:FOR]->(:SoftwareProduct {id: id})
  OPTIONAL MATCH (l)-[:UNDER]->(c:Contract)
  RETURN 'licenses' AS kind, l.id AS ref, l.name AS sort, l {.*, contractId: c.id} AS item
  UNION ALL
  MATCH (c:CI)-[i:HAS_INSTALLED]->(:SoftwareProduct {id: id})
  RETURN 'installations' AS kind, c.id AS ref, c.name AS sort, i {.*, ciId: c.id} AS item
}
RETURN id, kind, ref, item
ORDER BY id, kind, sort

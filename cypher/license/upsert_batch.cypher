// Create-or-update licenses by reference. A new license is FOR the row's product (the
// batch resolved the products first; an existing license's product never changes);
// contractNumber replaces the UNDER link when it names another contract. A row that would
// change nothing is left alone (no updatedAt bump), so re-importing a file changes nothing.
UNWIND $rows AS row
MATCH (p:SoftwareProduct {key: row.productKey})
MERGE (l:License {reference: row.reference})
ON CREATE SET l:Entity, l.id = row.id, l.createdAt = $now, l.updatedAt = $now, l += row.defaults,
              l.name = p.name + ' (' + row.metric + ')'
WITH p, l, row, l.createdAt = $now AS created
CALL (p, l, created) {
  WITH p, l WHERE created
  CREATE (l)-[:FOR {createdAt: $now}]->(p)
}
WITH l, row, created,
     head(COLLECT { MATCH (l)-[:UNDER]->(c:Contract) RETURN c.number }) AS contractBefore
WITH l, row, created,
     row.contractNumber IS NOT NULL AND coalesce(contractBefore <> row.contractNumber, true)
       AS contractMoved,
     any(k IN keys(row.props)
         WHERE NOT coalesce(l[k] = row.props[k], l[k] IS NULL AND row.props[k] IS NULL)) AS propsChanged
CALL (l, row, contractMoved) {
  WITH l, row WHERE contractMoved
  CALL (l) {
    MATCH (l)-[old:UNDER]->(:Contract)
    DELETE old
  }
  MATCH (c:Contract {number: row.contractNumber})
  CREATE (l)-[:UNDER {createdAt: $now}]->(c)
}
WITH l, row, created, created OR propsChanged OR contractMoved AS changed
CALL (l, row, changed) {
  WITH l, row WHERE changed
  SET l += row.props, l.updatedAt = $now
}
RETURN row.key AS key, created, changed, [l.id] AS targetIds,
       CASE WHEN changed
         THEN l {.*, productKey: row.productKey, contractNumber: row.contractNumber}
       END AS after

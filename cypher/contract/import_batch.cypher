// Create-or-update contracts by number. vendorName replaces the WITH link when it names
// another vendor (the vendors exist: the batch resolved them first); assetTags are covered
// (an import never uncovers). A row that would change nothing is left alone (no updatedAt
// bump), so re-importing a file changes nothing.
UNWIND $rows AS row
MERGE (n:Contract {number: row.number})
ON CREATE SET n:Entity, n.id = row.id, n.createdAt = $now, n.updatedAt = $now, n += row.defaults
WITH n, row, n.createdAt = $now AS created,
     head(COLLECT { MATCH (n)-[:WITH]->(v:Vendor) RETURN v.name }) AS vendorBefore
WITH n, row, created,
     row.vendorName IS NOT NULL AND coalesce(vendorBefore <> row.vendorName, true) AS vendorMoved,
     any(k IN keys(row.props)
         WHERE NOT coalesce(n[k] = row.props[k], n[k] IS NULL AND row.props[k] IS NULL)) AS propsChanged,
     [tag IN row.assetTags
      WHERE EXISTS { MATCH (a:Asset {assetTag: tag}) WHERE NOT (a)-[:COVERED_BY]->(n) }] AS covering
CALL (n, row, vendorMoved) {
  WITH n, row WHERE vendorMoved
  CALL (n) {
    MATCH (n)-[old:WITH]->(:Vendor)
    DELETE old
  }
  MATCH (v:Vendor {name: row.vendorName})
  CREATE (n)-[:WITH {createdAt: $now}]->(v)
}
CALL (n, covering) {
  UNWIND covering AS tag
  MATCH (a:Asset {assetTag: tag})
  MERGE (a)-[r:COVERED_BY]->(n)
  ON CREATE SET r.createdAt = $now
}
WITH n, row, created, covering,
     created OR propsChanged OR vendorMoved OR size(covering) > 0 AS changed
CALL (n, row, changed) {
  WITH n, row WHERE changed
  SET n += row.props, n.updatedAt = $now
}
RETURN row.key AS key, created, changed, [n.id] AS targetIds,
       CASE WHEN changed
         THEN n {.*, vendorName: row.vendorName, coveredAssetTags: covering}
       END AS after

// Create-or-update installations by (CI, product). A new one takes the product's version
// and the import time unless the row gives them; a row that would change nothing is left
// alone, so re-importing a file changes nothing.
UNWIND $rows AS row
MATCH (c:CI {ciClass: row.ciClass, name: row.ciName})
MATCH (p:SoftwareProduct {key: row.productKey})
MERGE (c)-[i:HAS_INSTALLED]->(p)
ON CREATE SET i.createdAt = $now, i.installedAt = $now, i.version = p.version
WITH c, p, i, row, i.createdAt = $now AS created
WITH c, p, i, row, created,
     created OR any(k IN keys(row.props)
                    WHERE NOT coalesce(i[k] = row.props[k], i[k] IS NULL AND row.props[k] IS NULL))
       AS changed
CALL (i, row, changed) {
  WITH i, row WHERE changed
  SET i += row.props
}
RETURN row.key AS key, created, changed, [c.id, p.id] AS targetIds,
       CASE WHEN changed
         THEN i {.*, ciId: c.id, productId: p.id, ciClass: c.ciClass, ciName: c.name,
                 productKey: p.key}
       END AS after

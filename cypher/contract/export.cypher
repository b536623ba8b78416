// Contracts in the importer's columns, keyset-paged by (number, id).
MATCH (n:Contract)
WHERE $afterKey IS NULL OR n.number > $afterKey OR (n.number = $afterKey AND n.id > $afterId)
WITH n ORDER BY n.number, n.id LIMIT $limit
RETURN n {.*, sortKey: n.number,
          vendorName: head(COLLECT { MATCH (n)-[:WITH]->(v:Vendor) RETURN v.name }),
          assetTags: COLLECT { MATCH (a:Asset)-[:COVERED_BY]->(n)
                               RETURN a.assetTag ORDER BY a.assetTag }} AS row

// Licenses in the importer's columns, keyset-paged by (reference, id); licenses created
// without a reference come first, with an empty one.
MATCH (l:License)-[:FOR]->(p:SoftwareProduct)
WITH l, p, coalesce(l.reference, '') AS sortKey
WHERE $afterKey IS NULL OR sortKey > $afterKey OR (sortKey = $afterKey AND l.id > $afterId)
WITH l, p, sortKey ORDER BY sortKey, l.id LIMIT $limit
RETURN l {.*, sortKey: sortKey, publisher: p.publisher, product: p.product, version: p.version,
          contractNumber: head(COLLECT { MATCH (l)-[:UNDER]->(c:Contract) RETURN c.number })}
       AS row

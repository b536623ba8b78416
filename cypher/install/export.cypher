// Installations in the importer's columns, keyset-paged by CI name, class and product key
// (the relationship's element id breaks ties).
MATCH (c:CI)-[i:HAS_INSTALLED]->(p:SoftwareProduct)
WITH c, i, p, c.name + ' ' + c.ciClass + ' ' + p.key AS sortKey, elementId(i) AS id
WHERE $afterKey IS NULL OR sortKey > $afterKey OR (sortKey = $afterKey AND id > $afterId)
WITH c, i, p, sortKey, id ORDER BY sortKey, id LIMIT $limit
RETURN {id: id, sortKey: sortKey, ciClass: c.ciClass, ciName: c.name, publisher: p.publisher,
        product: p.product, version: p.version, installedVersion: i.version,
        installedAt: i.installedAt} AS row

// The relationships people and imports draw between CIs and services (the generic types
// of the relationship specs, $types), in the importer's columns, keyset-paged by a key
// that is unique per (from, type, to): one relationship per pair and type.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) IN $types AND (a:CI OR a:Service) AND (b:CI OR b:Service)
WITH a, r, b,
     CASE WHEN a:Service THEN 'Service' ELSE a.ciClass END AS fromClass,
     CASE WHEN b:Service THEN 'Service' ELSE b.ciClass END AS toClass
WITH a, r, b, fromClass, toClass,
     fromClass + '|' + a.name + '|' + type(r) + '|' + toClass + '|' + b.name AS sortKey
WHERE $afterKey IS NULL OR sortKey > $afterKey
WITH a, r, b, fromClass, toClass, sortKey ORDER BY sortKey LIMIT $limit
RETURN {fromClass: fromClass, fromName: a.name, type: type(r), toClass: toClass,
        toName: b.name, kind: toUpper(r.kind), localPort: r.localPort,
        remotePort: r.remotePort, sortKey: sortKey, id: sortKey} AS row

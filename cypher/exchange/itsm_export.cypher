// Incidents or changes ($label from the export kind) in the importer's columns, keyset-
// paged by number; what they affect or modify as "Class:Name" references.
// $($label) and $($link): written as the enums' values before sending (db/queries.fixed);
// Neo4j 5.26 plans a dynamic label or type as a scan of everything, with a filter.
MATCH (n:$($label))
WHERE $afterKey IS NULL OR n.number > $afterKey
WITH n ORDER BY n.number LIMIT $limit
RETURN n {.*, sortKey: n.number,
          targets: COLLECT { MATCH (n)-[:$($link)]->(t)
                             WITH CASE WHEN t:Service THEN 'Service' ELSE t.ciClass END
                                  + ':' + t.name AS ref
                             RETURN ref ORDER BY ref }} AS row

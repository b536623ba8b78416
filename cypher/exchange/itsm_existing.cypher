// Incidents or changes ($label: one of the two, from the import kind) an import's rows
// name, by number or by the key they had in the system they came from.
// $($label): written as the enum's value before sending (db/queries.fixed); Neo4j 5.26
// plans a dynamic label or type as a scan of everything, with a filter.
MATCH (n:$($label))
WHERE n.number IN $numbers OR (n.externalKey IS NOT NULL AND n.externalKey IN $keys)
RETURN n.id AS id, n.number AS number, n.externalKey AS externalKey

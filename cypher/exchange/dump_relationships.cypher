// Every relationship of one type (a type of the relationship enum, never user text), as
// stored: its ends' element ids and its properties.
// $($type): written as the enum's value before sending (db/queries.fixed); Neo4j 5.26
// plans a dynamic label or type as a scan of everything, with a filter.
MATCH (a)-[r:$($type)]->(b)
RETURN elementId(a) AS a, elementId(b) AS b, properties(r) AS props

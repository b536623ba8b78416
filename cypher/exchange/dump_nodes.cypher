// Every node of one label (a label of the node specs, never user text), as stored:
// its element id (to number the relationships' ends), its labels and its properties.
// $($label): written as the enum's value before sending (db/queries.fixed); Neo4j 5.26
// plans a dynamic label or type as a scan of everything, with a filter.
MATCH (n:$($label))
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props

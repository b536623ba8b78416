// Every node of one label (a label of the node specs, never user text), as stored:
// its element id (to number the relationships' ends), its labels and its properties.
MATCH (n:$($label))
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props

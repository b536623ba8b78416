// Every relationship of one type (a type of the relationship enum, never user text), as
// stored: its ends' element ids and its properties.
MATCH (a)-[r:$($type)]->(b)
RETURN elementId(a) AS a, elementId(b) AS b, properties(r) AS props

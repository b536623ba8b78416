// After an offline import: the properties its CSV could not carry (an empty list, a
// list of one empty text), set on the nodes it marked with their dump number; the mark
// is removed. A node with two spec labels is set by the statement of the label its
// fix-ups were filed under (the map has its number). $($label): a spec label, written
// from the enums (db/queries.fixed).
MATCH (n:$($label))
WHERE n.graphcmdbOfflineN IS NOT NULL AND $props[toString(n.graphcmdbOfflineN)] IS NOT NULL
WITH n, $props[toString(n.graphcmdbOfflineN)] AS props
SET n += props
REMOVE n.graphcmdbOfflineN
RETURN count(n) AS n

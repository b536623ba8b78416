// After an offline import: the labels of one entity per order of labels written into
// the States' _labels, in the order Neo4j gives them (labels(n), as the seed and every
// later version write them).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, labels(n) AS labels

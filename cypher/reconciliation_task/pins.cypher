// The resolved tasks of these subjects: what a person decided (the CI it is, or IGNORE).
UNWIND $keys AS key
MATCH (n:ReconciliationTask {key: key})
WHERE n.state = 'RESOLVED'
RETURN key, n.resolution AS resolution, n.resolvedCiId AS ciId

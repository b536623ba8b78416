// Keys locked by a writer that ended up claimed by no CI (a refused or ambiguous row)
// are removed again before the transaction ends.
UNWIND $keys AS key
MATCH (k:IdentityKey {key: key})
WHERE NOT EXISTS { (k)-[:IDENTIFIES]->() }
DELETE k
RETURN count(*) AS dropped

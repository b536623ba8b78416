// Keys locked by a writer that ended up claimed by no CI (a refused or ambiguous row)
// and carrying no fact are removed again before the transaction ends.
UNWIND $keys AS key
MATCH (k:IdentityKey {key: key})
WHERE NOT EXISTS { (k)--() }
DELETE k
RETURN count(*) AS dropped

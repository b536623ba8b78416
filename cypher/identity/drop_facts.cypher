// Addresses a person's edit took off a CI (updateCI with a list that leaves them out):
// every source's fact of them is marked dropped, as ageing marks an address that left
// (identity/drop_addresses); seen or stated again, a fact is current again
// (identity/record_facts, identity/write_cis).
MATCH (c:CI {id: $id})
UNWIND $keys AS key
MATCH (:IdentityKey {key: key})-[s:SEEN_ON]->(c)
WHERE s.droppedAt IS NULL
SET s.droppedAt = $now
RETURN count(s) AS dropped

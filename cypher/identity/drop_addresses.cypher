// Addresses leave CIs (moved to the CI a scan now sees them on, or not seen for N runs:
// identity/ageing.py): out of ipAddresses under the CI's write lock, their facts kept
// with droppedAt. The keys are released by identity/claim afterwards.
UNWIND $rows AS row
MATCH (c:CI {id: row.id})
SET c.updatedAt = $now, c.ipAddresses = [a IN coalesce(c.ipAddresses, []) WHERE NOT a IN row.ips]
WITH c, row
CALL (c, row) {
  UNWIND row.keys AS key
  MATCH (:IdentityKey {key: key})-[s:SEEN_ON]->(c)
  SET s.droppedAt = $now
}
RETURN c.id AS id

// A source reached a CI without seeing these addresses of it: each of its facts counts
// one more miss (identity/record_facts resets the count when the source sees it again).
UNWIND $rows AS row
MATCH (c:CI {id: row.id})
UNWIND row.keys AS key
MATCH (:IdentityKey {key: key})-[s:SEEN_ON {source: $source}]->(c)
SET s.missed = coalesce(s.missed, 0) + 1
RETURN count(s) AS missed

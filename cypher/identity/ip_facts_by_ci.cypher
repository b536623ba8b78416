// The IP address facts of CIs, as address ageing weighs them (identity/ageing.py): per
// address and source the runs in a row the source reached the CI without seeing it, and
// whether it left the CI. Only the keys starting with $prefix ("IP:"), and no timestamps:
// ageing reads every fact of every CI a run reached, twice.
UNWIND $ids AS id
MATCH (k:IdentityKey)-[s:SEEN_ON]->(:CI {id: id})
WHERE k.key STARTS WITH $prefix
RETURN id, k.key AS key, s.source AS source, coalesce(s.missed, 0) AS missed,
       s.droppedAt IS NOT NULL AS dropped
ORDER BY key, source

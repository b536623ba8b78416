// After an offline import: the properties its CSV could not carry, set on the
// relationships it marked with their line number; the mark is removed. Their start
// nodes' ids are answered: a marked relationship has no version in the files, its
// start's Timeline is marked for the history seed (offline_reseed_timelines).
// $($type): a relationship type of the enums (db/queries.fixed).
MATCH ()-[r:$($type)]->()
WHERE r.graphcmdbOfflineN IS NOT NULL AND $props[toString(r.graphcmdbOfflineN)] IS NOT NULL
WITH r, $props[toString(r.graphcmdbOfflineN)] AS props
SET r += props
REMOVE r.graphcmdbOfflineN
RETURN count(r) AS n, collect(DISTINCT startNode(r).id) AS starts

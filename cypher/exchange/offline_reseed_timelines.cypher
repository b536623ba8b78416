// After an offline import, before the schema: the Timelines of the entities $ids
// (starts of relationships whose version the files left out) marked as the history
// seed marks its own, so that it versions every relationship at them that has no
// version yet (history/seed_edges). Before the schema there is no index: one scan.
MATCH (t:Timeline)
WHERE t.id IN $ids
SET t.seeded = true
RETURN count(t) AS n

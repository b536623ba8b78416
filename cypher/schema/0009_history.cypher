// The versioned graph (db/history.py): one Timeline per entity, kept after it is deleted.
// Version one of today's graph is seeded by `graphcmdb db migrate` (history.seed).
CREATE CONSTRAINT timeline_id IF NOT EXISTS FOR (t:Timeline) REQUIRE t.id IS UNIQUE;

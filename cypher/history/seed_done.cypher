MATCH (t:Timeline)
  WHERE t.seeded
CALL (t) { REMOVE t.seeded } IN TRANSACTIONS OF 10000 ROWS

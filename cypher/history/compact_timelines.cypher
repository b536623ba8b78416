// Retention: tombstones with no version and no relationship version left.
MATCH (t:Timeline)
  WHERE NOT EXISTS { (t)--() }
CALL (t) { DELETE t } IN TRANSACTIONS OF 10000 ROWS

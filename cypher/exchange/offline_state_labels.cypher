// After an offline import: States whose _labels were written in another order than
// Neo4j gives the labels (offline_label_orders) get its order, so that the next
// version compares them equal. $actual: Neo4j's order by the written one, joined with
// ':' (only the orders found different). One scan of the States.
MATCH (s:State)
WITH s, $actual[reduce(k = '', l IN s._labels | k + ':' + l)] AS actual
  WHERE actual IS NOT NULL
CALL (s, actual) {
  SET s._labels = actual
} IN TRANSACTIONS OF 10000 ROWS

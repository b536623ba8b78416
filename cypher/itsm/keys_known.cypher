// The incidents and changes already imported under $keys (their externalKey; one index
// seek per label).
UNWIND $keys AS k
CALL (k) {
  MATCH (n:Incident {externalKey: k})
  RETURN n
UNION
  MATCH (n:Change {externalKey: k})
  RETURN n
}
RETURN k AS key, n.id AS id

// The incidents and changes already imported under $keys (their externalKey).
UNWIND $keys AS k
MATCH (n:Incident|Change {externalKey: k})
RETURN k AS key, n.id AS id

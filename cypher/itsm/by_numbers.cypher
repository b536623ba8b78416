// Incidents and changes by their number (what people type).
UNWIND $numbers AS number
CALL (number) {
  MATCH (n:Incident {number: number}) RETURN n
  UNION
  MATCH (n:Change {number: number}) RETURN n
}
RETURN number, n {.*, labels: labels(n)} AS node

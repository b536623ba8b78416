// Whether the seed has work (a read: nothing to do at most starts): an entity without a
// Timeline, or a Timeline still marked by a seed that was cut short before its end.
CALL () {
  MATCH (n:Entity)
    WHERE NOT EXISTS { MATCH (:Timeline {id: n.id}) }
  RETURN n.id AS id
  LIMIT 1
UNION
  MATCH (t:Timeline)
    WHERE t.seeded
  RETURN t.id AS id
  LIMIT 1
}
RETURN id
LIMIT 1

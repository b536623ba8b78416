// Move a CI to another class: its class label and ciClass change together, with who set
// the class (identity/class_precedence.py). When another CI of that class has its name
// nothing changes and no row comes back.
MATCH (n:CI {id: $id})
WHERE NOT EXISTS { MATCH (o:CI {ciClass: $to, name: n.name}) WHERE o <> n }
WITH n, n.ciClass AS previous
REMOVE n:$(previous)
SET n:$($to), n.ciClass = $to, n.classSource = $source, n.updatedAt = $now
RETURN previous

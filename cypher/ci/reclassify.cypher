// Move a CI to another class: its class label and ciClass change together, with who set
// the class (identity/class_precedence.py). The CI's lock is taken first, so the class,
// its source and the namesakes are read as the last writer left them. Nothing changes
// and no row comes back when another CI of that class has its name, or when the class
// was set by a source $source may not override.
MATCH (n:CI {id: $id})
SET n.updatedAt = $now
WITH n
WHERE NOT EXISTS { MATCH (o:CI {ciClass: $to, name: n.name}) WHERE o <> n }
  AND coalesce(n.classSource, 'import') IN $overridable
WITH n, n.ciClass AS previous
REMOVE n:$([l IN labels(n) WHERE l IN $classes])
SET n:$($to), n.ciClass = $to, n.classSource = $source
RETURN previous

MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
MATCH p = SHORTEST 1 (a)-[r WHERE type(r) IN $types]-{1,12}(b)
WHERE length(p) <= $maxHops
RETURN [n IN nodes(p) | n {.id, .name, .status, labels: labels(n)}] AS nodes,
       [r IN relationships(p) | {relId: r.id, elementId: elementId(r), source: startNode(r).id,
        target: endNode(r).id, type: type(r), kind: r.kind}] AS edges

// How many discovered links are stale (as quality/stale_links), in all and per class of
// either end (a link between two classes counts for both).
MATCH (a:CI)-[r:CONNECTED_TO]->(b:CI)
WHERE r.source IS NOT NULL
WITH a, b, r, coalesce(r.lastSeen, r.createdAt) AS confirmedAt
WHERE r.staleSince IS NOT NULL
   OR confirmedAt < $cutoffs[a.ciClass] OR confirmedAt < $cutoffs[b.ciClass]
WITH collect(CASE WHEN a.ciClass = b.ciClass THEN [a.ciClass] ELSE [a.ciClass, b.ciClass] END)
     AS ends
RETURN size(ends) AS total,
       [cls IN $classes | {ciClass: cls, stale: size([e IN ends WHERE cls IN e])}] AS byClass

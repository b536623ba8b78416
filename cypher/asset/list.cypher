MATCH (a:Asset)
WHERE ($lifecycleState IS NULL OR a.lifecycleState = $lifecycleState)
  AND ($category IS NULL OR a.category = $category)
  AND ($costCenter IS NULL OR a.costCenter = $costCenter)
  AND ($text IS NULL OR any(v IN [a.name, a.assetTag, a.serialNumber, a.model, a.manufacturer]
                            WHERE toLower(v) CONTAINS toLower($text)))
  AND ($afterTag IS NULL OR a.assetTag > $afterTag OR (a.assetTag = $afterTag AND a.id > $afterId))
RETURN a {.*, labels: labels(a)} AS asset
ORDER BY a.assetTag, a.id
LIMIT $limit

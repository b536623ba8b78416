UNWIND $tags AS tag
MATCH (a:Asset {assetTag: tag})
RETURN a.assetTag AS assetTag, a.lifecycleState AS state

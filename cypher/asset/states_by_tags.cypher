// The lifecycle state of each asset named by tag (tags no asset has are left out).
// One row for the whole list, read raw (no temporal value in it): a record per asset
// cost the re-import of an unchanged 30,000-asset file 4 s in this read alone
// (benchmarks/README.md, "import_assets").
UNWIND $tags AS tag
MATCH (a:Asset {assetTag: tag})
RETURN collect([a.assetTag, a.lifecycleState]) AS states

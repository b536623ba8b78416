"""IT asset management: pure rules (lifecycle table, depreciation, fleet valuation)."""

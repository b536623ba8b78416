"""Impact analysis: which nodes and services fail, and why, when CIs go DOWN or DEGRADED."""

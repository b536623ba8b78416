// Credential sets are not :Entity nodes: node(id), relate and the explorer never see them.
CREATE (s:CredentialSet {id: $id})
SET s += $props, s.createdAt = datetime(), s.updatedAt = datetime()
RETURN s {.id, .name, .version, .v3User, .authProtocol, .privProtocol, .targetRanges,
          .allowInsecure, .insecureReasons, .createdAt, .updatedAt} AS credentialSet

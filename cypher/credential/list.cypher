// Public fields only: secrets are read by `credential/secrets_by_name` alone.
MATCH (s:CredentialSet)
RETURN s {.id, .name, .version, .v3User, .authProtocol, .privProtocol, .targetRanges,
          .allowInsecure, .insecureReasons, .createdAt, .updatedAt} AS credentialSet
ORDER BY s.name

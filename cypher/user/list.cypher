MATCH (u:User)
RETURN u {.id, .name, .role, .permissions, .scopes, .createdAt, .updatedAt, .disabledAt,
          .lastSignInAt} AS user
ORDER BY u.name

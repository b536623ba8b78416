"""GraphQL schema composed per domain; resolvers call the service layer only."""

# The API image for docker-compose.yml (Neo4j runs in its own official container).
# Stage 1 builds the explorer (web/) into the package's static files.
FROM node:20-slim AS web
WORKDIR /app
COPY web/package.json web/package-lock.json ./web/
RUN cd web && npm ci --no-audit --no-fund
COPY web ./web
RUN cd web && npm run build

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md schema.graphql ./
COPY src ./src
COPY cypher ./cypher
COPY --from=web /app/src/graphcmdb/web/static ./src/graphcmdb/web/static
RUN pip install --no-cache-dir .
ENV GRAPHCMDB_HOST=0.0.0.0
EXPOSE 8000
CMD ["graphcmdb", "serve"]

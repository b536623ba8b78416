/**
 * GraphQL over fetch: POST /graphql with the bearer token, or with the session cookie
 * and its CSRF header (``extraHeaders``); errors become exceptions.
 */

export interface GraphQLErrorEntry {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

export class GraphQLRequestError extends Error {
  constructor(
    readonly errors: GraphQLErrorEntry[],
    readonly status: number,
  ) {
    super(errors.map((e) => e.message).join("; ") || `HTTP ${status}`);
    this.name = "GraphQLRequestError";
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }

  /** The token is missing, wrong or revoked: the user must sign in again. */
  get unauthenticated(): boolean {
    return this.status === 401 || this.code === "UNAUTHENTICATED";
  }
}

export type Variables = Record<string, unknown>;

export interface GraphQL {
  request<T>(query: string, variables?: Variables): Promise<T>;
}

interface Envelope<T> {
  data?: T | null;
  errors?: GraphQLErrorEntry[];
}

export class GraphQLClient implements GraphQL {
  constructor(
    private readonly token: () => string | null,
    private readonly endpoint = "/graphql",
    private readonly onUnauthenticated: () => void = () => undefined,
    private readonly extraHeaders: () => Record<string, string> = () => ({}),
  ) {}

  async request<T>(query: string, variables: Variables = {}): Promise<T> {
    const headers: Record<string, string> = { "Content-Type": "application/json", ...this.extraHeaders() };
    const bearer = this.token();
    if (bearer) headers["Authorization"] = `Bearer ${bearer}`;
    const response = await fetch(this.endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const body = await readEnvelope<T>(response);
    if (body.data != null && (body.errors ?? []).every(withheldFigure)) {
      return body.data; // cost figures this token may not read are null: partial data
    }
    if (body.errors?.length || body.data == null) {
      const error = new GraphQLRequestError(body.errors ?? [], response.status);
      if (error.unauthenticated) this.onUnauthenticated();
      throw error;
    }
    return body.data;
  }
}

/** A cost field the token may not read (no `financials` permission): it answers null. */
export function withheldFigure(error: GraphQLErrorEntry): boolean {
  return error.extensions?.code === "FORBIDDEN" && error.extensions?.needed === "financials";
}

async function readEnvelope<T>(response: Response): Promise<Envelope<T>> {
  try {
    return (await response.json()) as Envelope<T>;
  } catch {
    return { errors: [{ message: `HTTP ${response.status} ${response.statusText}` }] };
  }
}

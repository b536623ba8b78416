/**
 * Lifecycle moves as the API offers them: the node's ``allowedTransitions`` are the only
 * buttons, and each target state is reached by the mutation the API has for it.
 */
import type { Variables } from "../api/client";
import type { TransitionKind } from "./fields";

export interface LifecycleFacts {
  state: string;
  allowedTransitions: string[];
  /** assets only: disposal then needs a data-wipe reference */
  hasStorage?: boolean;
}

export const LIFECYCLE_READ: Readonly<Record<TransitionKind, string>> = {
  asset: "query LifecycleRead($id: ID!) { node: asset(id: $id) { state: lifecycleState allowedTransitions hasStorage } }",
  change: "query LifecycleRead($id: ID!) { node: change(id: $id) { state allowedTransitions } }",
  incident: "query LifecycleRead($id: ID!) { node: incident(id: $id) { state allowedTransitions } }",
};

export interface Disposal {
  method: string;
  dataWipeReference: string | null;
}

export interface TransitionCall {
  document: string;
  variables: Variables;
}

/** Moves that need more than a click (a small form first). */
export function needsForm(kind: TransitionKind, to: string): boolean {
  return kind === "asset" && to === "DISPOSED";
}

function incidentCall(id: string, from: string, to: string): TransitionCall {
  const answer = "{ id state }";
  if (to === "RESOLVED") return { document: `mutation($id: ID!) { moved: resolveIncident(id: $id) ${answer} }`, variables: { id } };
  if (to === "CLOSED") return { document: `mutation($id: ID!) { moved: closeIncident(id: $id) ${answer} }`, variables: { id } };
  if (from === "RESOLVED") return { document: `mutation($id: ID!) { moved: reopenIncident(id: $id) ${answer} }`, variables: { id } };
  return {
    document: `mutation($id: ID!, $input: UpdateIncidentInput!) { moved: updateIncident(id: $id, input: $input) ${answer} }`,
    variables: { id, input: { state: to } },
  };
}

/** The mutation that moves node ``id`` of ``kind`` from ``from`` to ``to``. */
export function transitionCall(
  kind: TransitionKind,
  id: string,
  from: string,
  to: string,
  disposal: Disposal | null = null,
): TransitionCall {
  if (kind === "incident") return incidentCall(id, from, to);
  if (kind === "change") {
    return {
      document: "mutation($id: ID!, $to: ChangeState!) { moved: transitionChange(id: $id, to: $to) { id state } }",
      variables: { id, to },
    };
  }
  return {
    document:
      "mutation($id: ID!, $to: LifecycleState!, $disposal: DisposalInput) " +
      "{ moved: transitionAsset(id: $id, to: $to, disposal: $disposal) { asset { id state: lifecycleState } } }",
    variables: { id, to, disposal },
  };
}

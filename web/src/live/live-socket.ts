/** The live status subscription over a browser WebSocket, reconnecting with back-off. */
import { backoffMs } from "./apply";
import { type ClientMessage, type LiveMove, SUBPROTOCOL, initMessage, parseServerMessage, subscribeMessage } from "./protocol";

export type LiveState = "connecting" | "live" | "closed";

export interface LiveHandlers {
  moves(moves: LiveMove[]): void;
  state(state: LiveState, detail?: string): void;
}

export class LiveSocket {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private timer: number | undefined;

  constructor(
    private readonly url: string,
    private readonly credentials: () => string | Record<string, string> | null,
    private readonly handlers: LiveHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = null;
    if (socket?.readyState === WebSocket.CONNECTING) {
      socket.onopen = () => socket.close(); // closing it now would log an error in the console
    } else {
      socket?.close();
    }
  }

  private send(message: ClientMessage): void {
    this.socket?.send(JSON.stringify(message));
  }

  private open(): void {
    const token = this.credentials();
    if (!token || this.stopped) return;
    this.handlers.state("connecting");
    const socket = new WebSocket(this.url, SUBPROTOCOL);
    this.socket = socket;
    socket.onopen = () => this.send(initMessage(token));
    socket.onmessage = (e: MessageEvent<string>) => this.receive(e.data);
    socket.onclose = (e: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.handlers.state("closed", e.reason || `closed (${e.code})`);
      if (this.stopped || e.code === 4403) return; // refused: signing in again is the fix
      this.timer = window.setTimeout(() => this.open(), backoffMs(this.attempt++));
    };
  }

  private receive(text: string): void {
    const event = parseServerMessage(text);
    if (!event) return;
    switch (event.kind) {
      case "ack":
        this.send(subscribeMessage());
        return;
      case "ping":
        this.send({ type: "pong" });
        return;
      case "moves":
        this.attempt = 0;
        this.handlers.state("live");
        if (event.moves.length) this.handlers.moves(event.moves);
        return;
      case "error":
      case "complete":
        this.handlers.state("closed", event.kind === "error" ? event.message : "ended");
        this.socket?.close();
        return;
    }
  }
}

/**
 * Receives the events scheduled for it. `code` says what happened; `obj`/`arg` are its
 * payload. `arg` is a 32-bit integer (a generation or a token: integers pass unboxed).
 */
export interface EventHandler {
  handleEvent(code: number, obj: unknown, arg: number): void;
}

/**
 * For the headless type check only (tsconfig.headless.json): the few web-platform globals the
 * model uses that every host it runs in provides — browsers, Web Workers and Node ≥ 17 — but
 * that ES2022's library does not declare. Declared narrowly, so that anything else from the
 * DOM, Node or a worker still fails the check. (The full check, tsconfig.json, takes them from
 * the DOM library instead.)
 */
declare function btoa(data: string): string;
declare function atob(data: string): string;
declare function structuredClone<T>(value: T): T;

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBuffer | ArrayBufferView): string;
}

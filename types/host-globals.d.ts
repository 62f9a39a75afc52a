/**
 * The host functions the model uses beyond ECMAScript: base64 (`btoa`/`atob`) and UTF-8
 * (`TextEncoder`/`TextDecoder`) for the share-link codec. Every host archsim runs on has them
 * (browsers, Web Workers, Node ≥ 16: the WinterCG minimum common API), unlike the DOM, Node's
 * modules or worker messaging, which the headless type check (tsconfig.headless.json) keeps
 * out of the model and the engine. Declared for that check only, and only these four: the
 * app's own check has them from lib.dom.
 */
declare function btoa(data: string): string;
declare function atob(data: string): string;

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}

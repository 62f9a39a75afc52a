/// <reference lib="webworker" />
/**
 * The Web Worker entry: the engine runs here, off the UI thread. Transport only; the
 * operations live in `simApi.ts`.
 */
import { expose, type Endpoint } from 'comlink';
import { createSimApi } from './simApi';

// comlink must be given `self` explicitly (TOOLCHAIN pitfall 3).
expose(createSimApi(), self as unknown as Endpoint);

/// <reference lib="webworker" />
/**
 * A Web Worker of the experiment pool: one engine that plans an experiment and runs the jobs
 * the page hands it (`experimentApi.ts`). Transport only.
 */
import { expose, type Endpoint } from 'comlink';
import { createExperimentApi } from './experimentApi';

// comlink must be given `self` explicitly (TOOLCHAIN pitfall 3).
expose(createExperimentApi(), self as unknown as Endpoint);

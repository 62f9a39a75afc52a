/// <reference lib="webworker" />
/** A Web Worker for A/B comparisons: whole runs off the UI thread. Transport only (compareApi.ts). */
import { expose, type Endpoint } from 'comlink';
import { createCompareApi } from './compareApi';

expose(createCompareApi(), self as unknown as Endpoint);

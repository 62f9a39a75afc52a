/** A worker thread of the CLI's experiment runner: runs the jobs it is sent, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type ExperimentPlan } from '../engine/experiments';
import type { WorkerReply } from './experimentRunner';

const plan = (workerData as { plan: ExperimentPlan }).plan;
const port = parentPort!;

port.on('message', (job: number) => {
  let reply: WorkerReply;
  try {
    reply = { job, report: runJob(plan, plan.jobs[job]) };
  } catch (e) {
    reply = { job, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});

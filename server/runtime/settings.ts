// How much heavy work the server does at once and how much one request may ask for. Read from
// the environment like every setting; a wrong value refuses to start (ConfigError).
import os from 'node:os';
import { ConfigError } from '../config';

export interface RuntimeSettings {
  /** Worker threads (`GRIDMAP_WORKERS`): one core is left to HTTP and the database by default. */
  workers: number;
  /** A job's time budget once started on a worker (`GRIDMAP_JOB_SECONDS`). */
  jobSeconds: number;
  /** A job's wait for a worker at most (`GRIDMAP_JOB_WAIT_SECONDS`); past it a 503. */
  waitSeconds: number;
  /** A worker's heap (`GRIDMAP_JOB_MEMORY_MB`): past it the job is stopped and the worker replaced. */
  jobMemoryMb: number;
  /** Jobs waiting at most, all users together (`GRIDMAP_JOB_QUEUE`); past it a 503. */
  queueLimit: number;
}

export function readRuntimeSettings(env: NodeJS.ProcessEnv = process.env): RuntimeSettings {
  const positive = (name: string, fallback: number, integer = true) => {
    const value = Number(env[name] ?? fallback);
    if (!(value > 0) || (integer && !Number.isInteger(value))) throw new ConfigError(name, env[name], 'positive');
    return value;
  };
  return {
    workers: positive('GRIDMAP_WORKERS', Math.max(1, os.availableParallelism() - 1)),
    jobSeconds: positive('GRIDMAP_JOB_SECONDS', 60, false),
    waitSeconds: positive('GRIDMAP_JOB_WAIT_SECONDS', 30, false),
    jobMemoryMb: positive('GRIDMAP_JOB_MEMORY_MB', 4096),
    queueLimit: positive('GRIDMAP_JOB_QUEUE', 64),
  };
}

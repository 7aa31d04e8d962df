/**
 * Set in the worker's environment before it starts: in the Lambda's configuration, by the local
 * runner's launcher and by the benchmark. glibc's malloc then keeps 2 arenas instead of 8 per
 * core, so what sharp's and the AWS SDK's threads free is reused rather than stranded in an
 * arena of its own; a process cannot change this for itself once it runs. Measured on a 1080p
 * job (bench/README.md, section 6): the worker's peak RSS 55–65 MB lower, its speed unchanged.
 */
export const WORKER_PROCESS_ENV = { MALLOC_ARENA_MAX: "2" } as const;

export * from "./errors";
export * from "./client";
export * from "./rate-limiter";
export { backoffDelay, parseRetryAfter, sleep } from "./backoff";
export { redact, clip } from "./redact";

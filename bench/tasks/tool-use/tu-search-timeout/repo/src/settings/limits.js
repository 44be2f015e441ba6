// Limits for the HTTP client.
const MAX_RETRIES = 3;
const REQUEST_TIMEOUT_MS = 500;
const MAX_BODY_BYTES = 1_000_000;

module.exports = { MAX_RETRIES, REQUEST_TIMEOUT_MS, MAX_BODY_BYTES };

/** Secret handling: which values are secret, and their redaction from everything the model, logs and events see. */
export { collectSecrets, looksLikeSecret, type CollectSecretsOptions, type SecretSource } from "./secrets.js";
export { createSecretRedactor, noRedaction, redactDeep, redactOutcome, type Redact } from "./redact.js";
export { withoutProjectEscalation, type OriginKinds, type TrustedSettings } from "./project-trust.js";

/** Settings: the schema, the sources and their precedence, masking, and .env updates. */
export {
  SettingsSchema,
  parseDuration,
  toSettings,
  TOOL_MODES,
  APPROVAL_POLICIES,
  type Settings,
  type SettingsFile,
  type SettingsInput,
  type ModelTier,
  type ToolModeSetting,
  type ApprovalPolicy,
} from "./schema.js";
export { SETTING_KEYS, KEY_BY_ENV, KEY_BY_PATH, type SettingKey } from "./keys.js";
export {
  loadSettings,
  userConfigDir,
  settingSources,
  formatDiagnostic,
  displayPath,
  type LoadSettingsOptions,
  type LoadedSettings,
  type SettingOrigin,
  type ConsultedSource,
  type Env,
} from "./load.js";
export type { ConfigDiagnostic, SourceInfo, SourceKind } from "./sources.js";
export { maskSecret } from "./mask.js";
export { updateEnvFile, applyEnvUpdates, formatEnvValue, writeFileAtomic, type EnvFileResult } from "./env-file.js";
export { renderSettings, settingsJson } from "./render.js";
export { envWithSettings, settingsSecrets } from "./apply.js";

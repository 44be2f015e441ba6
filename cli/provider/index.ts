/** The provider wizard (`smallcode provider`, `/provider`). */
export { runProviderWizard, type WizardOptions, type WizardResult } from "./wizard.js";
export { ScriptedIO, type WizardIO } from "./io.js";
export { terminalIO, readSecret } from "./terminal-io.js";
export { PROVIDERS, presetForUrl, type ProviderPreset } from "./presets.js";
export { listModels, checkKey, type EndpointCheck } from "./check.js";
export {
  saveProvider,
  targetFiles,
  type SaveTarget,
  type ProviderChoice,
  type SaveResult,
  type SavedFile,
} from "./save.js";

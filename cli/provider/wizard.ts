/**
 * The provider wizard: pick a provider (its default base URL filled in), check the endpoint by listing its models,
 * check the key where one is needed (a 401 is reported and the key asked again), pick a model, and save to the
 * project's .env, the user's, or both. Keys are asked with masked input and never shown again (only "sk-…abcd").
 */
import { loadSettings, maskSecret, type Env } from "../../runtime/config/index.js";
import { checkKey, listModels, type CheckOptions, type EndpointCheck } from "./check.js";
import type { WizardIO } from "./io.js";
import { PROVIDERS, presetForUrl, type ProviderPreset } from "./presets.js";
import { saveProvider, targetFiles, type ProviderChoice, type SavedFile, type SaveTarget } from "./save.js";
import { displayPath } from "../../runtime/config/index.js";

export interface WizardOptions {
  cwd: string;
  env: Env;
  check?: CheckOptions;
}

export type WizardResult =
  | { ok: true; provider: ProviderPreset["id"]; choice: ProviderChoice; saved: SavedFile[] }
  | { ok: false; reason: "cancelled" | "failed"; message: string };

const CANCELLED: WizardResult = { ok: false, reason: "cancelled", message: "Nothing was saved." };
const MAX_TRIES = 5;

interface Option<T> {
  label: string;
  value: T;
}

/** A numbered list; the answer is a number or the start of a label; Enter takes the default. */
async function choose<T>(
  io: WizardIO,
  title: string,
  options: Option<T>[],
  defaultIndex: number,
): Promise<T | undefined> {
  io.say(title);
  options.forEach((o, i) => io.say(`  ${String(i + 1).padStart(2)}. ${o.label}`));
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const answer = await io.ask(`Choose 1-${options.length} [${defaultIndex + 1}]: `);
    if (answer === undefined || answer.trim().toLowerCase() === "q") return undefined;
    const a = answer.trim().toLowerCase();
    if (a === "") return options[defaultIndex]?.value;
    const n = Number(a);
    if (Number.isInteger(n) && n >= 1 && n <= options.length) return options[n - 1]?.value;
    const byName = options.filter(
      (o) => o.label.toLowerCase().startsWith(a) || (typeof o.value === "string" && o.value.startsWith(a)),
    );
    if (byName.length === 1) return byName[0]?.value;
    io.say(`Type a number from 1 to ${options.length} (or q to quit).`);
  }
  return undefined;
}

function validUrl(s: string): boolean {
  return /^https?:\/\/[^\s/]+/.test(s) && URL.canParse(s);
}

async function askBaseUrl(
  io: WizardIO,
  preset: ProviderPreset,
  current: string | undefined,
): Promise<string | undefined> {
  const fallback = preset.baseUrl || (preset.id === "custom" ? current : undefined);
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const answer = await io.ask(fallback ? `Base URL [${fallback}]: ` : "Base URL (e.g. http://127.0.0.1:8080/v1): ");
    if (answer === undefined) return undefined;
    const url = (answer.trim() || fallback || "").replace(/\/+$/, "");
    if (validUrl(url)) return url;
    io.say(`"${answer.trim()}" is not an http:// or https:// URL. Example: http://127.0.0.1:8080/v1`);
  }
  return undefined;
}

async function askKey(
  io: WizardIO,
  preset: ProviderPreset,
  existing: string | undefined,
  required: boolean,
): Promise<string | null | undefined> {
  if (required && !existing) io.say(preset.hint);
  const keep = existing ? ` (Enter keeps ${maskSecret(existing)})` : required ? "" : " (Enter for none)";
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const answer = await io.askSecret(`API key${keep}: `);
    if (answer === undefined) return undefined;
    const key = answer.trim();
    if (key !== "") return key;
    if (existing) return existing;
    if (!required) return null;
    io.say("This provider needs a key.");
  }
  return undefined;
}

async function pickModel(io: WizardIO, models: string[], current: string | undefined): Promise<string | undefined> {
  if (models.length === 0) {
    io.say("The endpoint lists no models. Load or pull one on the server, or type its id.");
    const typed = await io.ask("Model id: ");
    return typed?.trim() || undefined;
  }
  let shown = models;
  for (let tries = 0; tries < MAX_TRIES * 2; tries++) {
    const def = Math.max(0, current ? shown.indexOf(current) : 0);
    io.say(`Models (${shown.length}${shown.length < models.length ? ` of ${models.length}` : ""}):`);
    shown.slice(0, 40).forEach((m, i) => io.say(`  ${String(i + 1).padStart(2)}. ${m}`));
    if (shown.length > 40) io.say(`  … ${shown.length - 40} more: type part of a name to narrow the list.`);
    const answer = await io.ask(`Model: number or name [${shown[def]}]: `);
    if (answer === undefined) return undefined;
    const a = answer.trim();
    if (a === "") return shown[def];
    const n = Number(a);
    if (Number.isInteger(n) && n >= 1 && n <= Math.min(shown.length, 40)) return shown[n - 1];
    if (models.includes(a)) return a;
    const matches = models.filter((m) => m.toLowerCase().includes(a.toLowerCase()));
    if (matches.length === 1) return matches[0];
    if (matches.length === 0) io.say(`No model matches "${a}".`);
    else shown = matches;
  }
  return undefined;
}

type Checked = { url: string; key: string | undefined; models: string[] } | undefined;

/** Lists the models, asking for a key again after a 401, or for another URL when nothing answers. */
async function checkEndpoint(
  io: WizardIO,
  preset: ProviderPreset,
  url: string,
  key: string | undefined,
  o: WizardOptions,
): Promise<Checked> {
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    io.say(`Checking ${url}/models …`);
    let check: EndpointCheck = await listModels(url, key, o.check);
    if (check.ok && key && preset.keyCheckPath)
      check = (await checkKey(url, preset.keyCheckPath, key, o.check)) ?? check;
    if (check.ok) {
      io.say(
        `✓ ${url} answered${key ? ", and the key was accepted" : ""}: ${check.models.length} model${check.models.length === 1 ? "" : "s"}.`,
      );
      return { url, key, models: check.models };
    }
    io.say(`✗ ${check.message}`);
    if (check.kind === "auth") {
      const next = await askKey(io, preset, undefined, true);
      if (next === undefined || next === null) return undefined;
      key = next;
      continue;
    }
    if (check.kind === "unreachable" && preset.id !== "custom") io.say(preset.hint);
    const answer = await io.ask("Enter to try again, another base URL, or q to quit: ");
    if (answer === undefined || answer.trim().toLowerCase() === "q") return undefined;
    if (answer.trim() !== "") {
      if (!validUrl(answer.trim()))
        io.say(`"${answer.trim()}" is not an http:// or https:// URL; trying ${url} again.`);
      else url = answer.trim().replace(/\/+$/, "");
    }
  }
  return undefined;
}

async function chooseTarget(io: WizardIO, o: WizardOptions, hasKey: boolean): Promise<SaveTarget | undefined> {
  const [project, user] = [targetFiles("project", o.cwd, o.env)[0] ?? "", targetFiles("user", o.cwd, o.env)[0] ?? ""];
  const label = (f: string) => displayPath(f, o.env, o.cwd);
  return choose<SaveTarget>(
    io,
    "Save to:",
    [
      { label: `this project's .env (${label(project)})`, value: "project" },
      { label: `your user settings (${label(user)}), for every project`, value: "user" },
      { label: "both", value: "both" },
    ],
    hasKey ? 1 : 0,
  );
}

export async function runProviderWizard(io: WizardIO, o: WizardOptions): Promise<WizardResult> {
  const loaded = loadSettings({ cwd: o.cwd, env: o.env });
  const current = loaded.ok ? loaded.settings : undefined;
  if (!loaded.ok)
    io.say(`Note: the current settings do not load; the wizard can still save an endpoint.\n${loaded.message}`);
  if (current?.baseUrl)
    io.say(
      `Now: ${current.baseUrl}${current.model ? `, model ${current.model}` : ""}${current.apiKey ? `, key ${maskSecret(current.apiKey)}` : ""}.`,
    );
  const currentPreset = presetForUrl(current?.baseUrl);
  const options = PROVIDERS.map((p) => ({
    label: p.baseUrl ? `${p.label.padEnd(26)} ${p.baseUrl}` : p.label,
    value: p,
  }));
  const preset = await choose(
    io,
    "Which provider?",
    options,
    Math.max(0, currentPreset ? PROVIDERS.indexOf(currentPreset) : 0),
  );
  if (!preset) return CANCELLED;
  const url = await askBaseUrl(io, preset, current?.baseUrl);
  if (!url) return CANCELLED;
  const existing = current?.apiKey && current.baseUrl === url ? current.apiKey : undefined;
  let key: string | undefined = existing;
  if (preset.needsKey || preset.id === "custom") {
    const k = await askKey(io, preset, existing, preset.needsKey);
    if (k === undefined) return CANCELLED;
    key = k ?? undefined;
  }
  const checked = await checkEndpoint(io, preset, url, key, o);
  if (!checked) return CANCELLED;
  const model = await pickModel(io, checked.models, current?.model);
  if (!model) return CANCELLED;
  const target = await chooseTarget(io, o, checked.key !== undefined);
  if (!target) return CANCELLED;
  const choice: ProviderChoice = { baseUrl: checked.url, model, ...(checked.key ? { apiKey: checked.key } : {}) };
  const saved = saveProvider(choice, target, o.cwd, o.env);
  if (!saved.ok) return { ok: false, reason: "failed", message: saved.message };
  for (const f of saved.files) io.say(`Saved to ${f.label}${f.mode === 0o600 ? " (readable by you only)" : ""}.`);
  for (const w of saved.warnings) io.say(`Note: ${w}`);
  io.say("See the effective settings with: smallcode config");
  return { ok: true, provider: preset.id, choice, saved: saved.files };
}

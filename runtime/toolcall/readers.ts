/** Every format reader, in the order their matches win when two overlap at the same start. */
import { bareJsonReader } from "./formats/bare-json.js";
import { deepseekReader } from "./formats/deepseek.js";
import { fencedReader } from "./formats/fenced.js";
import { functionaryReader } from "./formats/functionary.js";
import { harmonyReader } from "./formats/harmony.js";
import { hermesReader } from "./formats/hermes.js";
import { lfm2Reader } from "./formats/lfm2.js";
import { llamaPythonTagReader } from "./formats/llama-python-tag.js";
import { mistralReader } from "./formats/mistral.js";
import { pythonicReader } from "./formats/pythonic.js";
import { qwen3CoderReader } from "./formats/qwen3-coder.js";
import { reactReader } from "./formats/react.js";
import { graniteReader, phiReader } from "./formats/token-json.js";
import { xmlReader } from "./formats/xml.js";
import type { FormatReader } from "./types.js";

export const READERS: readonly FormatReader[] = [
  hermesReader,
  qwen3CoderReader,
  mistralReader,
  deepseekReader,
  lfm2Reader,
  graniteReader,
  phiReader,
  llamaPythonTagReader,
  harmonyReader,
  functionaryReader,
  fencedReader,
  bareJsonReader,
  pythonicReader,
  xmlReader,
  reactReader,
];

/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * The TUI's presentational pieces: styled lines, the prompt editor with its cursor, the approval and question
 * modals, and the status line. Layout (how many lines each gets) is decided by app.tsx.
 */
import { Box, Text } from "ink";
import type { ReactNode } from "react";
import { budgetBar, formatDuration, formatTokens, usedTokens, type StyledLine } from "../slash/format.js";
import type { InteractiveSession } from "../slash/session.js";
import type { Modal } from "./controller.js";
import { cursorPosition, type InputState } from "./input-state.js";
import { styleProps } from "./theme.js";
import { wrapText } from "./wrap.js";

export function Lines({ lines, plain }: { lines: readonly StyledLine[]; plain: boolean }): ReactNode {
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate" {...styleProps(l.style, plain)}>
          {l.text === "" ? " " : l.text}
        </Text>
      ))}
    </Box>
  );
}

/** The editor's rows (wrapped), with the cursor cell marked; also used to size the layout. */
export function editorRows(
  state: InputState,
  width: number,
  masked = false,
): Array<{ text: string; cursorAt?: number }> {
  const value = masked ? "•".repeat(state.value.length) : state.value;
  const { row, col } = cursorPosition(state);
  const out: Array<{ text: string; cursorAt?: number }> = [];
  value.split("\n").forEach((l, r) => {
    const prefix = r === 0 ? "› " : "  ";
    const pieces = wrapText(l, Math.max(10, width - 3));
    let offset = 0;
    pieces.forEach((p, i) => {
      const entry: { text: string; cursorAt?: number } = { text: (i === 0 ? prefix : "  ") + p };
      if (r === row && col >= offset && (col < offset + p.length || i === pieces.length - 1))
        entry.cursorAt = 2 + col - offset;
      out.push(entry);
      offset += p.length;
    });
  });
  return out;
}

export function Editor({ rows, dim }: { rows: ReturnType<typeof editorRows>; dim: boolean }): ReactNode {
  return (
    <Box flexDirection="column">
      {rows.map((r, i) => {
        if (r.cursorAt === undefined || dim)
          return (
            <Text key={i} dimColor={dim}>
              {r.text}
            </Text>
          );
        const at = r.cursorAt;
        return (
          <Text key={i}>
            {r.text.slice(0, at)}
            <Text inverse>{r.text[at] ?? " "}</Text>
            {r.text.slice(at + 1)}
          </Text>
        );
      })}
    </Box>
  );
}

export const APPROVAL_CHOICES = [
  { key: "a", label: "allow once", decision: "once" },
  { key: "s", label: "always this session", decision: "always" },
  { key: "d", label: "deny", decision: "deny" },
] as const;

export function modalLines(modal: Modal, width: number): StyledLine[] {
  if (modal.kind === "approval") {
    const why = modal.reasons.length > 0 ? modal.reasons.join("; ") : "it may change things outside the project";
    return [
      { text: `⚠ Approval needed: ${why}`.slice(0, width), style: "warning" },
      ...wrapText(`$ ${modal.command}`, width - 2).map((t) => ({ text: `  ${t}`, style: "code" as const })),
    ];
  }
  const choices = modal.options.choices ?? [];
  return [
    ...wrapText(modal.question, width).map((t) => ({ text: t, style: "heading" as const })),
    ...(choices.length > 0 ? [{ text: "↑/↓ choose · Enter confirm · Esc cancel", style: "dim" as const }] : []),
  ];
}

export function ApprovalChoices({ selected, plain }: { selected: number; plain: boolean }): ReactNode {
  return (
    <Text>
      {"  "}
      {APPROVAL_CHOICES.map((c, i) => (
        <Text key={c.key} inverse={i === selected} {...(plain ? {} : { color: i === 2 ? "red" : "green" })}>
          {` [${c.key}] ${c.label} `}
        </Text>
      ))}
      <Text dimColor> ←/→ Enter · Esc denies</Text>
    </Text>
  );
}

export function ChoiceList({ choices, selected }: { choices: readonly string[]; selected: number }): ReactNode {
  return (
    <Box flexDirection="column">
      {choices.map((c, i) => (
        <Text key={c} inverse={i === selected}>
          {`  ${i + 1}. ${c}`}
        </Text>
      ))}
    </Box>
  );
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** The status line: model, endpoint, context-budget bar, tokens in/out, elapsed time, activity. */
export function statusText(
  session: InteractiveSession,
  busy: { since: number | undefined; activity: string },
  width: number,
): string {
  const ep = session.endpoint();
  const u = session.usage();
  const b = session.budget();
  const window = b?.window ?? ep.contextWindow;
  const bar = window ? budgetBar(b ? usedTokens(b) : 0, window, width >= 100 ? 16 : 8) : "[budget: no request yet]";
  const host = (ep.baseUrl ?? "no endpoint").replace(/^https?:\/\//, "").replace(/\/v1\/?$/, "");
  const time = busy.since !== undefined ? formatDuration(Date.now() - busy.since) : formatDuration(u.elapsedMs);
  const state = busy.since !== undefined ? ` · ${spinner()} ${busy.activity}` : "";
  const tokens = `↑${formatTokens(u.promptTokens)} ↓${formatTokens(u.completionTokens)}`;
  const fixed = ` · ${bar} · ${tokens} · ${time}${state}`;
  const room = Math.max(12, width - fixed.length - 1);
  const model = shorten(ep.model ?? "no model", Math.max(8, Math.floor(room * 0.55)));
  const where = shorten(host, Math.max(4, room - model.length - 3));
  return shorten(`${model} · ${where}${fixed}`, width - 1);
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
function spinner(): string {
  return FRAMES[Math.floor(Date.now() / 120) % FRAMES.length] ?? "·";
}

// Progress on stderr while the demo runs (stdout carries only the result: the table, or the JSON).
// One line per phase, and indented lines for what happened in it, each with the wall time so far.

export interface Progress {
  phase(title: string): void;
  step(text: string): void;
}

export function stderrProgress(startedAt = Date.now(), write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Progress {
  const at = () => `${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)} s`;
  return {
    phase: (title) => write(`[demo ${at()}] ${title}`),
    step: (text) => write(`[demo ${at()}]    ${text}`),
  };
}

export const silentProgress: Progress = { phase: () => undefined, step: () => undefined };

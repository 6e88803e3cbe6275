// A drop zone with a file picker (and optionally a folder picker): hands over every file with its
// path inside a dropped or chosen folder (e.g. "checkpoint/config.json"), so a checkpoint folder
// can be dropped whole. Reading the bytes is the caller's business.

import { type DragEvent, type ReactNode, useState } from 'react';

export interface DroppedFile {
  /** Path relative to what was dropped: "config.json" or "run/checkpoint/config.json". */
  path: string;
  file: File;
}

export interface FileDropProps {
  label: ReactNode;
  onFiles(files: DroppedFile[]): void;
  accept?: string;
  multiple?: boolean;
  folders?: boolean;
  testId?: string;
}

export function FileDrop({
  label,
  onFiles,
  accept,
  multiple = false,
  folders = false,
  testId,
}: FileDropProps) {
  const [over, setOver] = useState(false);
  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const entries = [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry()).filter((x) => x !== null);
    const files = entries.length ? (await Promise.all(entries.map((en) => walk(en, '')))).flat() : [];
    onFiles(files.length ? files : [...e.dataTransfer.files].map((file) => ({ path: file.name, file })));
  };
  const fromInput = (list: FileList | null) =>
    onFiles([...(list ?? [])].map((file) => ({ path: file.webkitRelativePath || file.name, file })));
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping has no keyboard form; the file inputs inside are the accessible way in
    <div
      className={`drop${over ? ' over' : ''}`}
      data-testid={testId}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <span>{label}</span>
      <label className="button">
        Choose {multiple ? 'files' : 'a file'}
        <input
          type="file"
          hidden
          accept={accept}
          multiple={multiple}
          onChange={(e) => fromInput(e.currentTarget.files)}
          data-testid={testId && `${testId}-files`}
        />
      </label>
      {folders && (
        <label className="button">
          Choose a folder
          <input
            type="file"
            hidden
            // @ts-expect-error: webkitdirectory is not in React's input attributes
            webkitdirectory=""
            onChange={(e) => fromInput(e.currentTarget.files)}
            data-testid={testId && `${testId}-folder`}
          />
        </label>
      )}
    </div>
  );
}

/** Every file under a dropped entry, with its path. */
async function walk(entry: FileSystemEntry, prefix: string): Promise<DroppedFile[]> {
  const path = prefix + entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail));
    return [{ path, file }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  return (await Promise.all(children.map((c) => walk(c, `${path}/`)))).flat();
}

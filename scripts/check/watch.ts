// Watching folders for saved files, for `npm run check -- --watch` (rustlings' watch mode). File
// events are debounced, because one save is often several events (editors write a temporary file
// and rename it). Where events are unreliable or unavailable — network and some container mounts,
// an exhausted inotify limit — it polls modification times once a second: never a busy loop.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export interface FileWatch {
  mode: 'events' | 'polling';
  close(): void;
}

export interface WatchOptions {
  dirs: string[];
  poll: boolean;
  debounceMs?: number;
  pollMs?: number;
}

/** name -> "mtime size" for the files directly in a folder; a missing folder is an empty one. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return files;
  }
  for (const name of names) {
    try {
      const stat = statSync(join(dir, name));
      if (stat.isFile()) files.set(name, `${stat.mtimeMs} ${stat.size}`);
    } catch {
      // Removed between the listing and the stat: the next snapshot will not have it either.
    }
  }
  return files;
}

/** Calls onChange with the paths saved (or removed) since the last call, at most once per debounce. */
export function watchFiles(options: WatchOptions, onChange: (paths: string[]) => void): FileWatch {
  const debounceMs = options.debounceMs ?? 150;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const changed = (path: string) => {
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...pending];
      pending.clear();
      onChange(paths);
    }, debounceMs);
  };

  const watchers: FSWatcher[] = [];
  let interval: NodeJS.Timeout | undefined;
  const close = () => {
    clearTimeout(timer);
    clearInterval(interval);
    for (const watcher of watchers.splice(0)) watcher.close();
  };
  const startPolling = () => {
    for (const watcher of watchers.splice(0)) watcher.close();
    const last = new Map(options.dirs.map((dir) => [dir, snapshot(dir)]));
    interval = setInterval(() => {
      for (const dir of options.dirs) {
        const before = last.get(dir)!;
        const now = snapshot(dir);
        for (const [name, stamp] of now) if (before.get(name) !== stamp) changed(join(dir, name));
        for (const name of before.keys()) if (!now.has(name)) changed(join(dir, name));
        last.set(dir, now);
      }
    }, options.pollMs ?? 1000);
  };
  const result: FileWatch = { mode: options.poll ? 'polling' : 'events', close };
  if (options.poll) {
    startPolling();
    return result;
  }
  try {
    for (const dir of options.dirs) {
      const watcher = watch(dir, (_event, name) => { if (name) changed(join(dir, name.toString())); });
      // A watched folder that goes away, or an inotify failure later on: carry on by polling.
      watcher.on('error', () => { if (result.mode === 'events') { result.mode = 'polling'; startPolling(); } });
      watchers.push(watcher);
    }
  } catch {
    result.mode = 'polling';
    startPolling();
  }
  return result;
}

package server

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// WatchRoot is a folder to watch. A change to Dir/a/b.md is reported to the
// Site as Prefix + "a/b.md".
type WatchRoot struct {
	Dir    string
	Prefix string
}

// watcher turns file-system events into batches of changed paths.
//
// Editors save in bursts (write a temporary file, rename it over the
// original, chmod it), so a batch is sent only once no event has arrived for
// debounce: a timer restarted on every event. That waits a few milliseconds
// after the last event instead of up to a whole tick. A slow poll compares
// sizes and modification times as a safety net for what inotify misses
// (queue overflow, network folders, folders created and filled before their
// watch was added).
type watcher struct {
	roots    []WatchRoot
	debounce time.Duration
	poll     time.Duration
	send     func(paths []string)
	logf     func(format string, args ...any)

	fsw   *fsnotify.Watcher
	seen  map[string]stamp  // absolute path → last known state, for the poll
	batch map[string]string // absolute → site-relative paths waiting for the timer
}

type stamp struct {
	size  int64
	mtime time.Time
	dir   bool
}

func newWatcher(roots []WatchRoot, debounce, poll time.Duration, send func([]string), logf func(string, ...any)) (*watcher, error) {
	fsw, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		// No inotify (instance limit reached, an exotic file system): the
		// poll does the work alone, more often.
		logf("file watcher unavailable (%v): polling every %s instead", err, fallbackPoll)
		fsw, poll = nil, fallbackPoll
	}
	w := &watcher{roots: roots, debounce: debounce, poll: poll, send: send, logf: logf,
		fsw: fsw, seen: make(map[string]stamp), batch: make(map[string]string)}
	for _, r := range roots {
		// The parent tells when the folder is made (it may not be there
		// yet, or be removed and made again: layouts); handle adds it then.
		if fsw != nil {
			if err := fsw.Add(filepath.Dir(filepath.Clean(r.Dir))); err != nil {
				logf("watching for %s: %v (the slow poll will still see it)", r.Dir, err)
			}
		}
		w.addTree(r.Dir, false)
	}
	return w, nil
}

// isRoot reports whether abs is one of the watched folders themselves.
func (w *watcher) isRoot(abs string) bool {
	for _, r := range w.roots {
		if filepath.Clean(r.Dir) == filepath.Clean(abs) {
			return true
		}
	}
	return false
}

// addTree watches dir and every folder under it and records what it finds.
// With report set, the files found are added to the batch: they were created
// before the watch on their folder existed, so no event will name them.
func (w *watcher) addTree(dir string, report bool) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != dir && ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() && w.fsw != nil {
			if err := w.fsw.Add(p); err != nil {
				w.logf("watching %s: %v (the slow poll will still see its changes)", p, err)
			}
		}
		if info, err := d.Info(); err == nil {
			w.seen[p] = stampOf(info)
		}
		if report && !d.IsDir() {
			w.mark(p)
		}
		return nil
	})
}

func stampOf(info fs.FileInfo) stamp {
	return stamp{size: info.Size(), mtime: info.ModTime(), dir: info.IsDir()}
}

// fallbackPoll is the poll period when fsnotify cannot start.
const fallbackPoll = 300 * time.Millisecond

// close releases the file watcher.
func (w *watcher) close() {
	if w.fsw != nil {
		w.fsw.Close()
	}
}

// run handles events until ctx is done.
func (w *watcher) run(ctx context.Context) {
	defer w.close()
	var events <-chan fsnotify.Event
	var errs <-chan error
	if w.fsw != nil {
		events, errs = w.fsw.Events, w.fsw.Errors
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var pollC <-chan time.Time
	if w.poll > 0 {
		t := time.NewTicker(w.poll)
		defer t.Stop()
		pollC = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			if w.handle(ev) {
				timer.Reset(w.debounce)
			}
		case err, ok := <-errs:
			if !ok {
				return
			}
			w.logf("file watcher: %v; rescanning", err)
			if w.scan() {
				timer.Reset(w.debounce)
			}
		case <-timer.C:
			w.flush()
		case <-pollC:
			if w.scan() {
				w.flush()
			}
		}
	}
}

// handle records one event and reports whether it counts.
func (w *watcher) handle(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod || ev.Op == 0 { // chmod-only: editors and indexers touch modes
		return false
	}
	if ev.Has(fsnotify.Create) && w.isRoot(ev.Name) { // a watched folder that did not exist yet
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			w.addTree(ev.Name, true)
			return true
		}
	}
	if ignoredPath(ev.Name, w.roots) {
		return false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		if st, ok := w.seen[ev.Name]; ok && st.dir {
			w.dropTree(ev.Name)
		}
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			w.addTree(ev.Name, true)
			return true
		}
	}
	w.mark(ev.Name)
	return true
}

// dropTree handles a folder that was removed or renamed away: inotify says
// so once, for the folder, so every file known under it is reported, and
// the watches under the old name are removed (a watch follows the folder's
// inode, and would go on naming its files by the old path).
func (w *watcher) dropTree(dir string) {
	prefix := dir + string(filepath.Separator)
	for p, st := range w.seen {
		if strings.HasPrefix(p, prefix) {
			if !st.dir {
				w.mark(p)
			}
			delete(w.seen, p)
		}
	}
	delete(w.seen, dir)
	if w.fsw == nil {
		return
	}
	for _, p := range w.fsw.WatchList() {
		if p == dir || strings.HasPrefix(p, prefix) {
			w.fsw.Remove(p)
		}
	}
}

// mark adds an absolute path to the batch.
func (w *watcher) mark(abs string) {
	if rel, ok := relPath(abs, w.roots); ok {
		w.batch[abs] = rel
	}
}

// flush sends the batch and refreshes the poll's view of its files, so that
// the poll does not report them again.
func (w *watcher) flush() {
	if len(w.batch) == 0 {
		return
	}
	paths := make([]string, 0, len(w.batch))
	for abs, rel := range w.batch {
		paths = append(paths, rel)
		if info, err := os.Lstat(abs); err == nil {
			w.seen[abs] = stampOf(info)
		} else {
			delete(w.seen, abs)
		}
	}
	clear(w.batch)
	sort.Strings(paths)
	w.send(paths)
}

// scan walks the roots and adds to the batch whatever changed since the
// last look; new folders get a watch. It reports whether it found anything.
func (w *watcher) scan() bool {
	now := make(map[string]stamp, len(w.seen))
	for _, r := range w.roots {
		filepath.WalkDir(r.Dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if p != r.Dir && ignored(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if info, err := d.Info(); err == nil {
				now[p] = stampOf(info)
			}
			return nil
		})
	}
	found := false
	for p, st := range now {
		old, ok := w.seen[p]
		switch {
		case ok && st.dir: // a folder's mtime moves with its entries, which are reported themselves
			continue
		case ok && old.size == st.size && old.mtime.Equal(st.mtime):
			continue
		case !ok && st.dir && w.fsw != nil:
			w.fsw.Add(p)
		}
		w.mark(p)
		found = true
	}
	for p := range w.seen {
		if _, ok := now[p]; !ok {
			w.mark(p)
			found = true
		}
	}
	w.seen = now
	return found
}

// ignored reports whether a file or folder name is an editor's temporary or
// backup file, or hidden: vim (.x.swp, x~, 4913), emacs (#x#, .#x), JetBrains
// (x___jb_tmp___), GNOME (.goutputstream-*), Kate, sed -i, and .git.
func ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."),
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		name == "4913",
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".swp", ".swo", ".swx", ".swn", ".tmp", ".temp", ".bak", ".orig", ".rej", ".kate-swp", ".crdownload", ".part":
		return true
	}
	return false
}

// ignoredPath applies ignored to every element of abs below its root.
func ignoredPath(abs string, roots []WatchRoot) bool {
	rel, ok := relPath(abs, roots)
	if !ok {
		return true
	}
	for _, el := range strings.Split(rel, "/") {
		if ignored(el) {
			return true
		}
	}
	return false
}

// relPath maps an absolute path to the site-relative path of the deepest
// root holding it.
func relPath(abs string, roots []WatchRoot) (string, bool) {
	best, bestLen := "", -1
	for _, r := range roots {
		rel, err := filepath.Rel(r.Dir, abs)
		if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if len(r.Dir) > bestLen {
			best, bestLen = r.Prefix+filepath.ToSlash(rel), len(r.Dir)
		}
	}
	return best, bestLen >= 0
}

package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/seqdoc/seqdoc/internal/atomicfile"
)

// outputMarker is the file Publish leaves in every output folder, so that a
// later build only ever replaces a folder seqdoc made.
const outputMarker = ".seqdoc-output"

// PublishOptions say where Publish may write.
type PublishOptions struct {
	// ContentDir is the content folder on disk (empty for the built-in
	// cookbook): the output may be neither it, nor inside it, nor a parent.
	ContentDir string
	// beforeSwap, in tests, runs after every file is written and before
	// the swap; an error stops the publish there.
	beforeSwap func(tmp string) error
}

// Publish writes files to the folder out atomically: everything goes to a
// temporary folder beside out, which then takes out's place. A failure or a
// killed process before the swap leaves out as it was (a stray temporary
// folder .out.tmp-* is removed by the next Publish). Publish refuses to
// replace a folder it did not make and never writes outside out's parent.
func Publish(files map[string][]byte, out string, opts PublishOptions) error {
	abs, err := checkOutput(out, opts.ContentDir)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if err := atomicfile.MkdirAll(parent); err != nil {
		if nw := (*atomicfile.NotWritableError)(nil); errors.As(err, &nw) {
			return err // it names the folder
		}
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	removeStale(parent, base, abs)
	// Not os.MkdirTemp: its 0700 would become the site's (403 from a web
	// server running as another user).
	tmp, err := atomicfile.MkdirTemp(parent, "."+base+".tmp-")
	if nw := (*atomicfile.NotWritableError)(nil); errors.As(err, &nw) {
		return fmt.Errorf("cannot write the site to %s: no permission to write in %s (build writes the site beside the output folder, then swaps it in: make that folder writable, or choose another --out)",
			out, filepath.Dir(out))
	}
	if err != nil {
		return fmt.Errorf("creating a temporary folder beside %s: %w", out, err)
	}
	defer os.RemoveAll(tmp) // a no-op after the swap
	if err := writeAll(tmp, files); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, outputMarker), []byte("written by seqdoc build; the next build replaces this folder\n"), 0o666); err != nil {
		return err
	}
	if opts.beforeSwap != nil {
		if err := opts.beforeSwap(tmp); err != nil {
			return err
		}
	}
	old := ""
	if _, err := os.Lstat(abs); err == nil {
		old = filepath.Join(parent, "."+base+".old-"+filepath.Base(tmp)[len(base)+6:])
		if err := os.Rename(abs, old); err != nil {
			return fmt.Errorf("moving the previous %s aside: %w", out, err)
		}
	}
	if err := os.Rename(tmp, abs); err != nil {
		if old != "" {
			_ = os.Rename(old, abs)
		}
		return fmt.Errorf("moving the new site into %s: %w", out, err)
	}
	if old != "" {
		return removeTree(old)
	}
	return nil
}

// removeTree removes a folder, its top-level entries on several goroutines
// (a site has thousands of small files).
func removeTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	ch := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0)*2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range ch {
				_ = os.RemoveAll(p)
			}
		}()
	}
	for _, e := range entries {
		ch <- filepath.Join(dir, e.Name())
	}
	close(ch)
	wg.Wait()
	return os.RemoveAll(dir)
}

// checkOutput refuses output folders whose replacement would lose something:
// "/", the home folder, the content folder or a folder around it, and an
// existing folder seqdoc did not write. It returns the absolute path.
func checkOutput(out, contentDir string) (string, error) {
	if strings.TrimSpace(out) == "" {
		return "", errors.New("no output folder given")
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	if abs == filepath.Dir(abs) {
		return "", fmt.Errorf("refusing to write the site to %s: it is the file system's root (choose a folder such as public)", out)
	}
	if home, err := os.UserHomeDir(); err == nil && sameDir(abs, home) {
		return "", fmt.Errorf("refusing to write the site to %s: it is your home folder (choose a folder such as public)", out)
	}
	if contentDir != "" {
		c, err := filepath.Abs(contentDir)
		if err == nil && (c == abs || within(c, abs) || within(abs, c)) {
			return "", fmt.Errorf("refusing to write the site to %s: it is, holds or sits inside the content folder %s (choose a folder beside it, such as public)", out, contentDir)
		}
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return abs, nil
	case err != nil:
		return "", err
	case !fi.IsDir():
		return "", fmt.Errorf("refusing to write the site to %s: it is a file, not a folder", out)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return "", err
	}
	if len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(abs, outputMarker)); err != nil {
			return "", fmt.Errorf("refusing to replace %s: it is not empty and was not written by seqdoc build (remove it or choose another folder)", out)
		}
	}
	return abs, nil
}

// within reports whether p is inside dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func sameDir(a, b string) bool {
	ea, _ := filepath.EvalSymlinks(a)
	eb, _ := filepath.EvalSymlinks(b)
	return a == b || (ea != "" && ea == eb)
}

// removeStale cleans up after earlier publishes of base that were killed
// before they finished: a previous output moved aside but not replaced is
// put back, and temporary folders are removed. Only names Publish makes
// match.
func removeStale(parent, base, abs string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() {
			continue
		}
		if strings.HasPrefix(n, "."+base+".old-") {
			if _, err := os.Lstat(abs); errors.Is(err, os.ErrNotExist) {
				if os.Rename(filepath.Join(parent, n), abs) == nil {
					continue
				}
			}
		}
		if strings.HasPrefix(n, "."+base+".tmp-") || strings.HasPrefix(n, "."+base+".old-") {
			_ = os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

// writeAll writes the files under dir, on several goroutines, with the
// permissions the umask gives.
func writeAll(dir string, files map[string][]byte) error {
	names := sortedKeys(files)
	dirs := map[string]bool{}
	for _, n := range names {
		if !filepath.IsLocal(n) {
			return fmt.Errorf("refusing to write %q: not a path inside the output folder", n)
		}
		dirs[filepath.Dir(filepath.Join(dir, n))] = true
	}
	// Sorted, a folder comes after its parent: one mkdir each.
	for _, d := range sortedKeys(dirs) {
		if err := os.Mkdir(d, 0o777); err != nil && !errors.Is(err, os.ErrExist) {
			if err := os.MkdirAll(d, 0o777); err != nil {
				return err
			}
		}
	}
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	ch := make(chan string)
	for w := 0; w < runtime.GOMAXPROCS(0)*2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range ch {
				if err := os.WriteFile(filepath.Join(dir, n), files[n], 0o666); err != nil {
					mu.Lock()
					if first == nil {
						first = fmt.Errorf("writing %s: %w", n, err)
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, n := range names {
		ch <- n
	}
	close(ch)
	wg.Wait()
	return first
}

package check

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// UsageError is an argument that cannot mean a capture (an empty one, "-"
// twice, a malformed pattern): the command was called wrongly.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// target is one capture to read, its path as the report shows it. err is
// set when the argument gave nothing to read.
type target struct {
	path string
	err  error
}

// expand turns the arguments into captures, in argument order: "-" (standard
// input, once), a file as given, a folder's capture.har, *.har and *.har.gz
// files below it (hidden folders and node_modules skipped, sorted), a glob
// pattern's matches (sorted; ** stands for any number of folders). A path
// named twice is read once.
func expand(args []string) ([]target, error) {
	var out []target
	seen := map[string]bool{}
	add := func(t target) {
		k := t.path
		if t.path != "-" {
			k = filepath.Clean(t.path)
		}
		if t.err == nil && seen[k] {
			return
		}
		seen[k] = true
		out = append(out, t)
	}
	stdin := false
	for _, a := range args {
		switch {
		case a == "":
			return nil, &UsageError{"an argument is empty: name a capture, a folder, a glob pattern or - for standard input"}
		case a == "-":
			if stdin {
				return nil, &UsageError{"- (standard input) is named twice"}
			}
			stdin = true
			add(target{path: "-"})
			continue
		}
		fi, err := os.Stat(a)
		switch {
		case err == nil && fi.IsDir():
			ts, err := walk(a)
			if err != nil {
				add(target{path: a, err: err})
				continue
			}
			if len(ts) == 0 {
				add(target{path: a, err: errors.New("no capture (capture.har, *.har, *.har.gz) in this folder or below it")})
			}
			for _, t := range ts {
				add(target{path: t})
			}
		case err != nil && strings.ContainsAny(a, "*?["):
			ms, err := glob(a)
			if err != nil {
				return nil, &UsageError{fmt.Sprintf("%s: %v", a, err)}
			}
			if len(ms) == 0 {
				add(target{path: a, err: errors.New("no file matches this pattern")})
			}
			for _, m := range ms {
				add(target{path: m})
			}
		default:
			add(target{path: a}) // a file, or a path that does not exist: reading says so
		}
	}
	return out, nil
}

// isCapture reports whether a file found below a folder is a capture.
func isCapture(name string) bool {
	return strings.HasSuffix(name, ".har") || strings.HasSuffix(name, ".har.gz")
}

// skipDir: hidden folders (.git) and node_modules are never searched.
func skipDir(name string) bool {
	return name == "node_modules" || (len(name) > 1 && name[0] == '.' && name != "..")
}

// walk lists the captures below root, sorted.
func walk(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if isCapture(d.Name()) {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// glob returns the paths matching pattern, sorted; a matching folder gives
// the captures below it. ** matches any number of folders (none included).
func glob(pattern string) ([]string, error) {
	pat := strings.Split(filepath.ToSlash(pattern), "/")
	for _, p := range pat {
		if _, err := path.Match(p, ""); err != nil {
			return nil, fmt.Errorf("not a valid glob pattern (%v)", err)
		}
	}
	// Walk from the longest prefix without a wildcard.
	n := 0
	for n < len(pat)-1 && !strings.ContainsAny(pat[n], "*?[") {
		n++
	}
	root := strings.Join(pat[:n], "/")
	switch {
	case root == "" && n > 0:
		root = "/" // an absolute pattern
	case root == "":
		root = "."
	}
	var out []string
	err := filepath.WalkDir(filepath.FromSlash(root), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == filepath.FromSlash(root) && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		rel := filepath.ToSlash(p)
		if root == "." {
			rel = strings.TrimPrefix(rel, "./")
		}
		name := strings.Split(rel, "/")
		if rel == "." {
			name = nil
		}
		if d.IsDir() && p != filepath.FromSlash(root) && skipDir(d.Name()) && !strings.Contains("/"+filepath.ToSlash(pattern)+"/", "/"+d.Name()+"/") {
			return filepath.SkipDir
		}
		if !match(pat, name) {
			return nil
		}
		if d.IsDir() {
			ts, err := walk(p)
			out = append(out, ts...)
			if err != nil {
				return err
			}
			return filepath.SkipDir
		}
		out = append(out, p)
		return nil
	})
	sort.Strings(out)
	return out, err
}

// match reports whether the path segments name match the pattern segments
// pat; "**" matches any number of segments.
func match(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if match(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/seqdoc/seqdoc/content"
	"github.com/seqdoc/seqdoc/internal/atomicfile"
)

// GitIgnore is what WriteCookbook puts in a new site's .gitignore: the built
// site is made again by seqdoc build and does not belong in version control.
const GitIgnore = "# the site seqdoc build writes (made again from content/)\npublic/\n"

// NewSite says what WriteCookbook did. Paths are dir joined with the file's
// path, in the order of the built-in cookbook.
type NewSite struct {
	// Wrote are the files written.
	Wrote []string
	// Kept are the files that were there already and were left as they
	// were (a page imported before seqdoc new, your own home page).
	Kept []string
	// GitIgnore is dir/.gitignore; GitIgnoreWritten says it was written
	// (it did not exist); GitIgnoreLacksPublic that an existing one does
	// not ignore public/.
	GitIgnore                              string
	GitIgnoreWritten, GitIgnoreLacksPublic bool
}

// WriteCookbook writes the built-in cookbook into dir/content, as the start
// of a user's own site, and a .gitignore with public/ into dir. It adds what
// is missing and never overwrites: a file that exists (a page imported
// before, your own home page) is kept and listed in Kept. The files are
// whole or absent: into a new content folder everything is written beside
// it and renamed in; into an existing one each file is written through a
// temporary name, and a failure removes the files and folders it added.
func WriteCookbook(dir string) (*NewSite, error) {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s is a file: name a folder for the new site", dir)
	}
	var names []string
	files := map[string][]byte{}
	err := fs.WalkDir(content.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(content.FS(), p)
		files[p] = data
		names = append(names, p)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := atomicfile.MkdirAll(dir); err != nil {
		return nil, err
	}
	ns := &NewSite{GitIgnore: filepath.Join(dir, ".gitignore")}
	dst := filepath.Join(dir, "content")
	if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
		// Write beside, then rename: a failure leaves no half-written content.
		tmp, err := atomicfile.MkdirTemp(dir, ".content.tmp-")
		if err != nil {
			if nw := (*atomicfile.NotWritableError)(nil); errors.As(err, &nw) {
				nw.Path = dst
			}
			return nil, err
		}
		defer os.RemoveAll(tmp)
		if err := writeAll(tmp, files); err != nil {
			return nil, err
		}
		if err := os.Rename(tmp, dst); err != nil {
			return nil, err
		}
		for _, n := range names {
			ns.Wrote = append(ns.Wrote, filepath.Join(dst, filepath.FromSlash(n)))
		}
	} else if err := addMissing(dst, names, files, ns); err != nil {
		return nil, err
	}
	if err := ns.gitIgnore(); err != nil {
		return nil, err
	}
	return ns, nil
}

// addMissing writes the files that do not exist under dst, each whole,
// and on failure removes what it added.
func addMissing(dst string, names []string, files map[string][]byte, ns *NewSite) (err error) {
	var made []string // files and folders made, outermost folders first
	defer func() {
		if err != nil {
			for i := len(made) - 1; i >= 0; i-- {
				os.Remove(made[i])
			}
			ns.Wrote = nil
		}
	}()
	for _, n := range names {
		p := filepath.Join(dst, filepath.FromSlash(n))
		for _, d := range missingDirs(filepath.Dir(p)) {
			if err := os.Mkdir(d, 0o777); err == nil {
				made = append(made, d)
			} else if !errors.Is(err, fs.ErrExist) {
				return err
			}
		}
		wrote, err := atomicfile.WriteNew(p, files[n], false)
		if err != nil {
			return fmt.Errorf("writing %s: %w", p, err)
		}
		if wrote {
			made = append(made, p)
			ns.Wrote = append(ns.Wrote, p)
		} else {
			ns.Kept = append(ns.Kept, p)
		}
	}
	return nil
}

// missingDirs lists the folders of d that do not exist, outermost first.
func missingDirs(d string) []string {
	var missing []string
	for ; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append([]string{d}, missing...)
	}
	return missing
}

// gitIgnore writes .gitignore when there is none, else checks that it
// ignores public/.
func (ns *NewSite) gitIgnore() error {
	wrote, err := atomicfile.WriteNew(ns.GitIgnore, []byte(GitIgnore), false)
	if err != nil {
		return fmt.Errorf("writing %s: %w", ns.GitIgnore, err)
	}
	if wrote {
		ns.GitIgnoreWritten = true
		return nil
	}
	data, err := os.ReadFile(ns.GitIgnore)
	if err != nil {
		return err
	}
	ns.GitIgnoreLacksPublic = true
	for _, line := range strings.Split(string(data), "\n") {
		switch strings.TrimSpace(line) {
		case "public", "public/", "/public", "/public/", "public/*", "/public/*":
			ns.GitIgnoreLacksPublic = false
		}
	}
	return nil
}

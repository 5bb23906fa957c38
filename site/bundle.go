package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/seqdoc/seqdoc/capture"
	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/internal/atomicfile"
)

// CaptureName is the name of the redacted capture in a page bundle: the
// file a ```seqdoc block reads when the page names no other.
const CaptureName = "capture.har"

// Imported says what Import wrote.
type Imported struct {
	// Capture is the capture, redacted and classified: what the summary
	// reports.
	Capture     *capture.Capture
	CapturePath string
	// Replaced is what CapturePath held before, when it existed: import
	// says so rather than replace a capture without a word.
	Replaced *Previous
	// IndexPath is the page of the bundle; IndexWritten is false when it
	// existed and was kept.
	IndexPath    string
	IndexWritten bool
	// IndexShows is true when the page places this capture: a starter page
	// Import wrote, a kept page and the bundle's own capture.har, or a kept
	// page that names the capture (capture: NAME) in a block or its front
	// matter.
	IndexShows bool
}

// Previous is the capture a re-import replaced.
type Previous struct {
	// Entries is how many entries it held; -1 when it could not be read
	// as a capture (Err says why).
	Entries int
	Err     error
}

// CaptureFile is the file name Import writes a capture to in its bundle:
// name.har, or CaptureName when name is empty. A name with a folder in it,
// a name that starts with a dot, or one that is not a plain file name is an
// error that says what to give.
func CaptureFile(name string) (string, error) {
	if name == "" {
		return CaptureName, nil
	}
	base := strings.TrimSuffix(name, ".har")
	switch {
	case base == "" || base == "." || base == "..":
		return "", fmt.Errorf("%q is not a capture name: give a name such as wrong-password (written as wrong-password.har)", name)
	case strings.ContainsAny(base, `/\`):
		return "", fmt.Errorf("%q has a folder in it: give the folder with --to and a plain name here, such as wrong-password", name)
	case strings.HasPrefix(base, "."):
		return "", fmt.Errorf("%q starts with a dot, which the site skips as a hidden file: give a name such as wrong-password", name)
	case strings.IndexFunc(base, func(r rune) bool { return r < ' ' || r == 0x7f || r == ':' }) >= 0:
		return "", fmt.Errorf("%q holds a control character or a colon: give a plain name such as wrong-password", name)
	}
	return base + ".har", nil
}

// Import brings a capture into the page bundle dir (created with its
// missing parents): the redacted capture as dir/file (capture.WriteFile;
// file is CaptureName unless the user named it, see CaptureFile), then,
// only when dir has no index.md, a starter page (StarterPage). An existing
// index.md is never touched; a capture that existed is replaced, and
// Imported.Replaced says how many entries it held. On failure, or when ctx
// is cancelled, nothing is left: not the capture, not the folders Import
// created, and a capture that existed stays as it was.
//
// seqdoc import passes a file (capture.Open); seqdoc record the entries it
// built in memory (capture.FromEntries).
func Import(ctx context.Context, src capture.Source, dir, file string, opts capture.Options) (*Imported, error) {
	if file == "" {
		file = CaptureName
	}
	created := missingDirs(filepath.Clean(dir))
	if err := atomicfile.MkdirAll(dir); err != nil {
		if nw := (*atomicfile.NotWritableError)(nil); errors.As(err, &nw) {
			return nil, err // it names the folder
		}
		return nil, fmt.Errorf("cannot create the page folder: %w", err)
	}
	ok := false
	defer func() {
		if !ok { // leave no trace of a failed import
			for i := len(created) - 1; i >= 0; i-- {
				os.Remove(created[i])
			}
		}
	}()
	im := &Imported{CapturePath: filepath.Join(dir, file), IndexPath: filepath.Join(dir, "index.md")}
	im.Replaced = previous(im.CapturePath)
	c, err := capture.WriteFile(ctx, src, im.CapturePath, opts)
	if err != nil {
		return nil, err
	}
	im.Capture = c
	ok = true

	if page, err := os.ReadFile(im.IndexPath); err == nil {
		im.IndexShows = file == CaptureName || placesCapture(page, file)
		return im, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	page, err := StarterPage(c, file)
	if err != nil {
		return nil, err
	}
	im.IndexWritten, err = atomicfile.WriteNew(im.IndexPath, page, true)
	im.IndexShows = im.IndexWritten
	return im, err
}

// previous counts the entries of the capture at path, if there is one.
func previous(path string) *Previous {
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	r, err := har.Open(path, har.ReadOptions{})
	if err != nil {
		return &Previous{Entries: -1, Err: err}
	}
	defer r.Close()
	n := 0
	for {
		if _, err := r.Next(); errors.Is(err, io.EOF) {
			return &Previous{Entries: n}
		} else if err != nil {
			return &Previous{Entries: -1, Err: err}
		}
		n++
	}
}

// placesCapture reports whether a page names the capture file in a
// "capture: FILE" line (a block's or the front matter's).
func placesCapture(page []byte, file string) bool {
	for _, line := range strings.Split(string(page), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
		if ok && strings.TrimSpace(k) == "capture" && strings.Trim(strings.TrimSpace(v), `"'`) == file {
			return true
		}
	}
	return false
}

// StarterPage is the index.md that Import writes when there is none: front
// matter whose title and description say what the capture c shows (its
// sign-in, rejected attempts, expired session, sign-out and top finding:
// Summarize), naming the capture file when it is not CaptureName, and the
// ```seqdoc blocks (seqdocParts) that place the generated parts of the
// capture beside it.
func StarterPage(c *capture.Capture, file string) ([]byte, error) {
	if file == "" {
		file = CaptureName
	}
	sum := Summarize(c)
	fm := struct {
		Title       string `yaml:"title"`
		Description string `yaml:"description"`
		Capture     string `yaml:"capture,omitempty"`
	}{Title: sum.Title, Description: sum.Description(file)}
	if file != CaptureName {
		fm.Capture = file
	}
	out, err := yaml.Marshal(fm)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(out)
	b.WriteString("---\n\n")
	b.WriteString(`What this page documents, in a sentence or two: which application, which
user journey, what went wrong (if anything). seqdoc fills in the parts below
from ` + "`" + file + "`" + `, the redacted capture beside this file; the prose is yours,
and ` + "`seqdoc import`" + ` never overwrites it.
`)
	for _, s := range starterSections {
		fmt.Fprintf(&b, "\n## %s\n\n```seqdoc %s\n```\n", s.heading, s.part)
	}
	return b.Bytes(), nil
}

// starterSections are the sections of a starter page: one ```seqdoc block
// for each part, in the order of seqdocParts.
var starterSections = []struct{ heading, part string }{
	{"Sequence", "diagram"}, {"Steps", "steps"}, {"Cookies and headers", "glossary"}, {"Findings", "findings"},
}

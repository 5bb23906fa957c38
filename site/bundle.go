package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/seqdoc/seqdoc/capture"
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
	IndexPath   string
	// IndexWritten is false when index.md existed and was kept.
	IndexWritten bool
}

// Import brings a capture into the page bundle dir (created with its
// missing parents): the redacted capture as dir/capture.har
// (capture.WriteFile), then, only when dir has no index.md, a starter page
// (StarterPage). An existing index.md is never touched. On failure, or when
// ctx is cancelled, nothing is left: not the capture, not the folders
// Import created.
//
// seqdoc import passes a file (capture.Open); seqdoc record the entries it
// built in memory (capture.FromEntries).
func Import(ctx context.Context, src capture.Source, dir string, opts capture.Options) (*Imported, error) {
	created := missingDirs(filepath.Clean(dir))
	if err := os.MkdirAll(dir, 0o777); err != nil {
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
	im := &Imported{CapturePath: filepath.Join(dir, CaptureName), IndexPath: filepath.Join(dir, "index.md")}
	c, err := capture.WriteFile(ctx, src, im.CapturePath, opts)
	if err != nil {
		return nil, err
	}
	im.Capture = c
	ok = true

	if _, err := os.Stat(im.IndexPath); err == nil {
		return im, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	page, err := StarterPage(c.AppHost)
	if err != nil {
		return nil, err
	}
	im.IndexWritten, err = atomicfile.WriteNew(im.IndexPath, page, true)
	return im, err
}

// StarterPage is the index.md that Import writes when there is none: front
// matter with a title from the application's host, and the ```seqdoc
// blocks (seqdocParts) that place the generated parts of the capture beside
// it.
func StarterPage(appHost string) ([]byte, error) {
	title := "Sign-in sequence"
	desc := "The sign-in and sign-out sequence recorded in " + CaptureName + "."
	if appHost != "" {
		title = appHost + " sign-in"
		desc = "The sign-in and sign-out sequence of " + appHost + " behind an AWS ALB with Amazon Cognito, recorded in " + CaptureName + "."
	}
	fm, err := yaml.Marshal(struct {
		Title       string `yaml:"title"`
		Description string `yaml:"description"`
	}{title, desc})
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(fm)
	b.WriteString("---\n\n")
	b.WriteString(`What this page documents, in a sentence or two: which application, which
user journey, what went wrong (if anything). seqdoc fills in the parts below
from ` + "`" + CaptureName + "`" + `, the redacted capture beside this file; the prose is yours,
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

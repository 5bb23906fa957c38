package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/seqdoc/seqdoc/content"
	"github.com/seqdoc/seqdoc/har/authflow"
)

// BuildConfig is what seqdoc build asks for.
type BuildConfig struct {
	// Src is the content folder; empty means ./content when it exists,
	// else the built-in cookbook.
	Src string
	// Out is the output folder (replaced as a whole by Publish).
	Out     string
	Drafts  bool
	BaseURL string
	// FailOn fails the build on the findings of the captures the pages
	// show, at or above this severity ("": never); see Options.FailOn.
	FailOn authflow.Severity
}

// ContentErrors are the problems of a build, each as file:line: message
// with file relative to the current folder.
type ContentErrors []Error

// Error says that nothing was written and lists every problem.
func (e ContentErrors) Error() string {
	var b strings.Builder
	n := fmt.Sprintf("%d problems", len(e))
	if len(e) == 1 {
		n = "1 problem"
	}
	fmt.Fprintf(&b, "the site was not written: %s in the content:", n)
	for _, x := range e {
		b.WriteString("\n  " + x.String())
	}
	return b.String()
}

// SourceFor opens the content folder src ("" for ./content or the built-in
// cookbook) and the layouts folder beside it. dir is the folder on disk
// ("" for the built-in cookbook).
func SourceFor(src string) (contentFS, layouts fs.FS, dir string, err error) {
	if src == "" {
		if fi, err := os.Stat("content"); err == nil && fi.IsDir() {
			src = "content"
		} else {
			return content.FS(), nil, "", nil
		}
	}
	fi, err := os.Stat(src)
	if err != nil {
		advice := "give --src the folder that holds your Markdown pages"
		if errors.Is(err, fs.ErrNotExist) {
			advice += "; seqdoc new DIR starts one"
		}
		return nil, nil, "", fmt.Errorf("content folder %s: %w (%s)", src, errors.Unwrap(err), advice)
	}
	if !fi.IsDir() {
		return nil, nil, "", fmt.Errorf("content folder %s: not a folder (give --src the folder that holds your Markdown pages)", src)
	}
	// The layouts folder is read where it is, or will be: serve may be
	// running when it is made (a file it lacks is the embedded one's).
	layouts = os.DirFS(filepath.Join(filepath.Dir(filepath.Clean(src)), "layouts"))
	return os.DirFS(src), layouts, src, nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// Built is what BuildToDir built and wrote.
type Built struct {
	*Result
	// Src is the content folder read; "" for the built-in cookbook.
	Src string
}

// BuildToDir builds the site of cfg and publishes it to cfg.Out. When the
// content has problems nothing is written and the error is ContentErrors.
func BuildToDir(ctx context.Context, cfg BuildConfig) (*Built, error) {
	cfs, layouts, dir, err := SourceFor(cfg.Src)
	if err != nil {
		return nil, err
	}
	if _, err := checkOutput(cfg.Out, dir); err != nil {
		return nil, err
	}
	b := NewBuilder(Options{Content: cfs, Layouts: layouts, Drafts: cfg.Drafts, BaseURL: cfg.BaseURL, FailOn: cfg.FailOn})
	b.once = true
	res, err := b.Build(ctx)
	if err != nil {
		return nil, err
	}
	if len(res.Errors) > 0 {
		ce := make(ContentErrors, len(res.Errors))
		for i, e := range res.Errors {
			if dir != "" {
				e.File = filepath.Join(dir, e.File)
			} else {
				e.File = "(built-in) " + e.File
			}
			ce[i] = e
		}
		return &Built{Result: res, Src: dir}, ce
	}
	return &Built{Result: res, Src: dir}, Publish(res.Files, cfg.Out, PublishOptions{ContentDir: dir})
}

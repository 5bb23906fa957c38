package mermaid

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/seqdoc/seqdoc/internal/golden"
)

// TestParseCases reads testdata/parse/*.txtar: each holds input.mmd and
// either want.json (the model) or want.err (every error, one per line).
// "go test -update" rewrites the want part; review it as a diff.
func TestParseCases(t *testing.T) {
	files, err := filepath.Glob("testdata/parse/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatal("no parser cases in testdata/parse")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var input []byte
			for _, f := range ar.Files {
				if f.Name == "input.mmd" {
					input = f.Data
				}
			}
			if input == nil {
				t.Fatal("no input.mmd section")
			}
			out := &txtar.Archive{Comment: ar.Comment, Files: []txtar.File{{Name: "input.mmd", Data: input}}}
			d, err := Parse(filepath.Base(file), input)
			if err != nil {
				el, ok := err.(ErrorList)
				if !ok {
					t.Fatalf("error is %T, not an ErrorList", err)
				}
				var b strings.Builder
				for _, e := range el {
					b.WriteString(e.Error() + "\n")
				}
				out.Files = append(out.Files, txtar.File{Name: "want.err", Data: []byte(b.String())})
			} else {
				j, err := json.MarshalIndent(d, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				out.Files = append(out.Files, txtar.File{Name: "want.json", Data: append(j, '\n')})
			}
			golden.Check(t, file, txtar.Format(out))
		})
	}
}
